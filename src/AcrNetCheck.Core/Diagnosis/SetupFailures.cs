using AcrNetCheck.Core.Collection;

namespace AcrNetCheck.Core.Diagnosis;

/// <summary>
/// The steps before any evidence exists (sign-in, the subscription, finding the registry): a failure there cannot become
/// a collection error in a report, so it becomes one <see cref="CollectionSetupException"/> whose message says what
/// failed, never a bare "cancelled" or a runtime exception's text.
/// </summary>
internal static class SetupFailures
{
    public static async Task<T> GuardAsync<T>(Func<Task<T>> step, CollectionDeadline deadline)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.Expired)
        {
            throw new CollectionSetupException(SetupFailure.AzureUnavailable,
                $"Azure did not answer within {deadline.Describe()} while signing in and finding the registry (nothing was read); retry later, or allow more time with --timeout.", ex);
        }
    }
}
