namespace AcrNetCheck.Core.Diagnosis;

/// <summary>
/// What a run is reading, as it goes, for a progress display (the CLI's line on a terminal). Core only reports; it never
/// writes to the console. Reported at the service's boundary (sign-in, the registry lookup, each evidence source), not
/// from inside the collection's scheduling. Calls may come from any thread.
/// </summary>
public interface IRunProgress
{
    /// <summary>A read began, e.g. "signing in to AzureCloud".</summary>
    void Started(string read);

    /// <summary>The read <paramref name="read"/> ended, whatever its outcome.</summary>
    void Finished(string read);
}
