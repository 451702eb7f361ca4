using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>
/// <c>scan --out-dir</c>: one evidence bundle per registry, <c>&lt;dir&gt;/&lt;registry&gt;.json</c>, exactly what <c>collect --out</c>
/// writes, so <c>analyze</c> replays each. Registry names are unique within a cloud; a clash (a name seen twice in one
/// scan) gets the subscription id appended rather than overwriting.
/// </summary>
public sealed class BundleDirectory
{
    private readonly string _path;
    private readonly HashSet<string> _written = new(StringComparer.OrdinalIgnoreCase);

    public BundleDirectory(string path)
    {
        _path = path;
        try { Directory.CreateDirectory(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out-dir '{path}' cannot be created: {ex.Message}");
        }
    }

    public async ValueTask WriteAsync(EvidenceBundle bundle, CancellationToken cancellationToken)
    {
        var name = FileSafe(bundle.Target?.Name ?? "registry");
        if (!_written.Add(name)) _written.Add(name = $"{name}-{FileSafe(new Core.Evidence.Arm.ResourceId(bundle.Target?.ResourceId ?? "").SubscriptionId ?? Guid.NewGuid().ToString("N"))}");
        await Commands.OutputDestination.WriteAsync(Path.Combine(_path, name + ".json"), EvidenceLoader.Serialize(bundle) + Environment.NewLine, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Names from Resource Graph are data, not checked by us: a longer one than a file name may be (255 bytes) keeps its
    /// first characters and a hash of the whole, so it stays unique and recognisable.
    /// </summary>
    private const int LongestName = 100;

    private static string FileSafe(string name)
    {
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        if (safe.Length <= LongestName) return safe;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..12];
        return $"{safe[..(LongestName - hash.Length - 1)]}-{hash}";
    }
}
