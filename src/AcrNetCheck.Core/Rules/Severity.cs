namespace AcrNetCheck.Core.Rules;

public enum Severity { Info = 0, Warning = 1, Error = 2 }

/// <summary>The areas of the seed article's causes; the first segment of every rule id names one.</summary>
public enum RuleArea { Client, Public, Vnet, Service, Logs, Auth }

internal static class RuleAreaExtensions
{
    public static string IdPrefix(this RuleArea area) => area.ToString().ToLowerInvariant();
}
