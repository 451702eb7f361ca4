namespace AcrNetCheck.Core.Collection;

/// <summary>Why a live collection could not start at all (as opposed to a read that failed, which is a collection error).</summary>
public enum SetupFailure
{
    /// <summary>What the user typed or configured is wrong: an invalid registry name, an unknown cloud, no subscription.</summary>
    InvalidInput,
    /// <summary>No credential produced a token.</summary>
    SignInFailed,
    /// <summary>The registry does not exist where we looked, or the name is ambiguous.</summary>
    RegistryNotFound,
    /// <summary>Azure did not answer in time, refused to serve (throttling, HTTP 5xx) or could not be reached (TLS, reset) before anything was read.</summary>
    AzureUnavailable,
}

/// <summary>Stops a live collection before any evidence exists; the message is one line a person can act on.</summary>
public sealed class CollectionSetupException(SetupFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public SetupFailure Failure { get; } = failure;
}
