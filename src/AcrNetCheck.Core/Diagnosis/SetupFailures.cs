using AcrNetCheck.Core.Collection;
using AcrNetCheck.Core.Collection.Arm;
using Azure.Identity;

namespace AcrNetCheck.Core.Diagnosis;

/// <summary>
/// The steps before any evidence exists (sign-in, the subscription, finding the registry): a failure there cannot become
/// a collection error in a report, so it becomes one <see cref="CollectionSetupException"/> whose message names the step
/// and what failed, never a bare "cancelled" or a runtime exception's text. A timeout is said to be one, never a
/// missing permission or a wrong password.
/// </summary>
internal static class SetupFailures
{
    /// <param name="step">What the step does, as in "… while signing in to AzureCloud".</param>
    public static async Task<T> GuardAsync<T>(string step, Func<Task<T>> run, CollectionDeadline deadline)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (Exception ex) when (deadline.Expired && ex is not ArmReadException { Status: not null })
        {
            // Whatever the step was doing when time ran out reports it its own way (a credential as a failed sign-in, the
            // SDK as a cancelled task); the cause is the clock, not the account or a permission.
            throw new CollectionSetupException(SetupFailure.AzureUnavailable,
                $"no answer within {deadline.Describe()} while {step}; nothing was read. Retry later, or allow more time with --timeout.", ex);
        }
        catch (Exception ex) when (ex is AuthenticationFailedException or CredentialUnavailableException)
        {
            // Signed in once, then the credential failed on a later token request (e.g. the token endpoint went away).
            throw new CollectionSetupException(SetupFailure.SignInFailed,
                $"the credential stopped handing out tokens while {step}: {ex.Message.Split('\n')[0]} Run 'az login' (or pick one with --auth), then retry.", ex);
        }
        catch (Exception ex) when (Collection.Http.ConnectionFailures.Is(ex))
        {
            // A reset or failed handshake that reached us unwrapped (the shared HTTP/2 connection, a pageable list): Azure is
            // unreachable, as for an ArmReadException without a status.
            var cause = ex is AggregateException all ? all.InnerExceptions[^1] : ex;
            throw new CollectionSetupException(SetupFailure.AzureUnavailable,
                $"Azure Resource Manager failed while {step}: {ArmReadException.ConnectionFailed}: {cause.Message.Split('\n')[0]}; nothing was read.", ex);
        }
        catch (ArmReadException ex)
        {
            var answer = ex.Status is { } status ? $"HTTP {status} {ex.ErrorCode}".TrimEnd() : $"{ex.ErrorCode}: {ex.Message}";
            throw new CollectionSetupException(ex.Status is >= 400 and < 500 and not 429 ? SetupFailure.InvalidInput : SetupFailure.AzureUnavailable,
                $"Azure Resource Manager failed while {step}: {answer}; nothing was read.", ex);
        }
    }
}
