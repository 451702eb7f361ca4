namespace AcrNetCheck.Testing;

/// <summary>
/// Entry point for running a stand-in as its own process (e.g. inside a network namespace the test made, or for bench/).
/// Modes:
///   fake-arm &lt;bundle.json&gt; [--latency-ms N] [--port N]
///     Serves the bundle's ARM documents over HTTPS on 127.0.0.1 with a CA generated now; prints url=, ca= and token=
///     lines, then runs until stdin closes.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["fake-arm", var bundlePath, .. var rest])
        {
            var latency = TimeSpan.FromMilliseconds(Option(rest, "--latency-ms") ?? 0);
            using var certs = new TestCertificates();
            await using var arm = await FakeArm.StartAsync(certs, await File.ReadAllTextAsync(bundlePath), new FakeArmOptions { Latency = latency }, Option(rest, "--port") ?? 0);
            Console.WriteLine($"url={arm.BaseUri}");
            Console.WriteLine($"ca={certs.CaPemPath}");
            Console.WriteLine($"token={arm.AccessToken}");
            Console.Out.Flush();
            await Console.In.ReadToEndAsync();
            Console.Error.WriteLine($"fake-arm: served {arm.ArmPaths.Count} ARM requests");
            return 0;
        }
        Console.Error.WriteLine("usage: AcrNetCheck.Testing fake-arm <bundle.json> [--latency-ms N] [--port N]");
        return 2;
    }

    private static int? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : null;
}
