using System.Diagnostics;
using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Cli.Tests.Commands;

/// <summary>analyze's input is capped (EvidenceLoader.MaxBundleChars): endless or huge input is one clear line and exit 2, quickly.</summary>
public sealed class InputLimitTests
{
    [Fact]
    public async Task DevZero_Exit2_NamingTheLimit()
    {
        var result = await Timed(() => CliRunner.RunAsync("analyze", "/dev/zero"));

        AssertRefusedForSize(result, "/dev/zero");
    }

    [Fact]
    public async Task OversizedFile_Exit2_NamingTheLimit()
    {
        var path = Path.Combine(Path.GetTempPath(), $"acr-netcheck-huge-{Guid.NewGuid():N}.json");
        try
        {
            using (var file = File.Create(path))
            {
                file.Write("{\"schemaVersion\": \"1.0\", \"description\": \""u8);
                file.SetLength(EvidenceLoader.MaxBundleChars + 1024); // sparse: the rest reads as NUL characters
            }
            var result = await Timed(() => CliRunner.RunAsync("analyze", path));

            AssertRefusedForSize(result, path);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task EndlessStdin_InsideAString_Exit2_NamingTheLimit()
    {
        var stdin = new EndlessReader("{\"schemaVersion\": \"1.0\", \"description\": \"", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

        var result = await Timed(() => Run(stdin, "analyze", "-"));

        AssertRefusedForSize(result, "stdin");
    }

    [Fact]
    public async Task YesIntoStdin_Exit2_NotJson()
    {
        var result = await Timed(() => Run(new EndlessReader("", "y\n"), "analyze", "-"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: stdin: not valid JSON", result.StdErr);
    }

    private static void AssertRefusedForSize(CliResult result, string source)
    {
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"error: {source}: larger than the 32 MiB limit for an evidence bundle; not read (see docs/evidence-bundle.md, \"Limits\").", result.StdErr.TrimEnd());
        Assert.Empty(result.StdOut);
    }

    private static async Task<CliResult> Timed(Func<Task<CliResult>> run)
    {
        var clock = Stopwatch.StartNew();
        var result = await run();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        return result;
    }

    private static async Task<CliResult> Run(TextReader stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new CliConsole(stdout, stderr, stdin, _ => null, outputIsTerminal: false);
        var code = await CliApp.RunAsync(args, console);
        return new CliResult(stdout.ToString(), stderr.ToString(), code);
    }

    /// <summary>A stdin that never ends: <paramref name="start"/> then <paramref name="repeated"/> forever.</summary>
    private sealed class EndlessReader(string start, string repeated) : TextReader
    {
        private long _position;

        public override int Peek() => CharAt(_position);
        public override int Read() => CharAt(_position++);

        public override int Read(char[] buffer, int index, int count)
        {
            for (var i = 0; i < count; i++) buffer[index + i] = (char)CharAt(_position++);
            return count;
        }

        private int CharAt(long position) => position < start.Length ? start[(int)position] : repeated[(int)((position - start.Length) % repeated.Length)];
    }
}
