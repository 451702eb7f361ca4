using AcrNetCheck.Core.Collection;

namespace AcrNetCheck.Cli.Commands;

/// <summary>--timeout, the whole run's budget in seconds, shared by every command that reaches the network.</summary>
public static class TimeoutOption
{
    public const string Template = "--timeout";

    /// <summary>Between one second and <see cref="CollectionDeadline.MaxTimeout"/>; anything else is a usage error.</summary>
    public static TimeSpan Parse(int seconds)
    {
        if (seconds <= 0) throw new UsageException($"--timeout must be a positive number of seconds, not {seconds}.");
        var timeout = TimeSpan.FromSeconds(seconds);
        return timeout <= CollectionDeadline.MaxTimeout
            ? timeout
            : throw new UsageException($"--timeout {seconds} is too long: give at most {CollectionDeadline.MaxTimeout.TotalSeconds:0} seconds (a day).");
    }
}
