using System.Security.Cryptography.X509Certificates;

namespace AcrNetCheck.Core.Collection.Cloud;

/// <summary>
/// Loads the system's trusted roots on a pool thread, once per process. On Linux .NET reads every certificate in the
/// trust directory (/etc/ssl/certs: about 150 files) the first time it validates a server certificate, tens of
/// milliseconds that would otherwise sit between the first TLS handshake's answer and the first request; started with
/// the sign-in, they overlap it. The same cached store then serves every chain the run builds: nothing about trust changes.
/// </summary>
public static class TrustStoreWarmUp
{
    private static int _started;

    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        _ = Task.Run(() =>
        {
            try
            {
                using var roots = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
                roots.Open(OpenFlags.ReadOnly);
                foreach (var certificate in roots.Certificates) certificate.Dispose();
            }
            // A warm-up only: an unreadable store (or a platform without one) shows up, properly, on the first handshake.
            catch (Exception) { }
        });
    }
}
