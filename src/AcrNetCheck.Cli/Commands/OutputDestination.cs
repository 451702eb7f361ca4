namespace AcrNetCheck.Cli.Commands;

/// <summary>
/// <c>--out</c> and <c>--out-dir</c>: checked before any request is sent (a wrong path costs nothing, exit 2), and written
/// whole or not at all. Each file is written to a temporary file in the same folder and renamed over the destination,
/// so an interrupted run leaves the previous file intact, and a symbolic link is replaced rather than the file it points to.
/// </summary>
public static class OutputDestination
{
    /// <summary>The full path of a file to write: not a folder, in a folder that exists and can be written to.</summary>
    public static string CheckFile(string option, string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full) || path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar))
            throw new UsageException($"{option} '{path}' is a folder; give the path of a file to write.");
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new UsageException($"{option} '{path}': the folder {folder} does not exist.");
        CheckWritable(option, path, folder);
        return full;
    }

    /// <summary>The full path of a folder to write files in, created if missing.</summary>
    public static string CheckDirectory(string option, string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new UsageException($"{option} '{path}' is a file; give a folder.");
        try { Directory.CreateDirectory(full); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} '{path}' cannot be created: {ex.Message}");
        }
        CheckWritable(option, path, full);
        return full;
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> through a temporary file renamed over it.</summary>
    public static async Task WriteAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temporary = TemporaryPathBeside(path);
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteAsync(content.AsMemory(), cancellationToken).ConfigureAwait(false);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static void CheckWritable(string option, string path, string folder)
    {
        var probe = TemporaryPathBeside(Path.Combine(folder, "probe"));
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write)) { }
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} '{path}': cannot write in {folder}: {ex.Message}");
        }
    }

    /// <summary>
    /// A hidden file beside the destination: the same file system, so the final rename is atomic. Its name does not grow
    /// with the destination's, which may already be as long as a file name can be.
    /// </summary>
    private static string TemporaryPathBeside(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".acr-netcheck-{Guid.NewGuid():N}.tmp");
}
