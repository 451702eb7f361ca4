using System.Net;
using System.Runtime.InteropServices;
using AcrNetCheck.Core.Collection.ResourceGraph;

namespace AcrNetCheck.Testing;

/// <summary>
/// Entry point for running a stand-in as its own process (e.g. inside a network namespace the test made):
///   registry --listen 127.0.0.1:443 --cert server.pem --key server.key --answer challenge|ip-not-allowed|hang --ready FILE
///   closing-proxy --listen 127.0.0.1:3128 --ready FILE
/// Each writes FILE once it accepts connections, then runs until killed.
///   fake-arm &lt;bundle.json&gt; [--latency-ms N] [--port N]
///     Serves the bundle's ARM documents over HTTPS on 127.0.0.1 with a CA generated now (for bench/); prints url=, ca=
///     and token= lines, then runs until stdin closes; then prints the requests it served, the longest chain of them sent
///     one after another (sequential round trips) and the connections, then a "read" line per request, to stderr.
///   resource-graph &lt;registries&gt; [--latency-ms N] [--page-size N] [--expected FILE]
///     A generated fleet behind the Resource Graph stand-in (and its fall-back ARM GETs) over HTTPS on 127.0.0.1 with a CA
///     generated now (for bench/fleet-scan.sh); prints url=, ca= and token= lines, runs until stdin closes, then prints
///     the requests it served to stderr. See <see cref="Fleet.ResourceGraphStandInProcess"/>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["fake-arm", var bundlePath, .. var rest])
        {
            var latency = TimeSpan.FromMilliseconds(Option(rest, "--latency-ms") ?? 0);
            using var certs = new TestCertificates();
            var bundle = await File.ReadAllTextAsync(bundlePath);
            // A real ARM front end is warm: the stand-in's own first handshake and first answers of each kind (its JIT) are
            // not the tool's to pay for. A throwaway instance answers one read of each kind first, so no fault or count of
            // the real one is touched; then the real one's HTTP/2 path is warmed, and that traffic is not counted.
            await using (var rehearsal = await FakeArm.StartAsync(certs, bundle))
                await WarmUpHttpAsync(rehearsal.BaseUri, rehearsal.AccessToken, rehearsal.RehearsalReads());
            await using var arm = await FakeArm.StartAsync(certs, bundle, new FakeArmOptions { Latency = latency }, Option(rest, "--port") ?? 0);
            await WarmUpHttpAsync(arm.BaseUri, arm.AccessToken, ["/subscriptions?api-version=2022-12-01"]);
            arm.ForgetTraffic();
            Console.WriteLine($"url={arm.BaseUri}");
            Console.WriteLine($"ca={certs.CaPemPath}");
            Console.WriteLine($"token={arm.AccessToken}");
            Console.Out.Flush();
            await Console.In.ReadToEndAsync();
            Console.Error.WriteLine($"fake-arm: served {arm.ArmPaths.Count} ARM requests, {TimedRequest.SequentialRoundTrips(arm.ReadTimings)} sequential round trips, {arm.Connections} connections");
            // Each read with the round trip it was sent in (1: before any answer; n + 1: after an answer of round trip n),
            // arrival and answer (Unix ms): what bench/ needs to split a run's wall time and to replay its reads.
            foreach (var (read, depth) in TimedRequest.ByChainDepth(arm.ReadTimings))
                Console.Error.WriteLine($"read {depth} {read.Start.ToUnixTimeMilliseconds()} {read.End.ToUnixTimeMilliseconds()} {read.Path}{read.Query}");
            return 0;
        }
        if (args is ["resource-graph", var size, .. var fleetOptions] && int.TryParse(size, out var registries))
        {
            await Fleet.ResourceGraphStandInProcess.RunAsync(registries, TimeSpan.FromMilliseconds(Option(fleetOptions, "--latency-ms") ?? 0),
                Option(fleetOptions, "--page-size") ?? ResourceGraphApi.MaxPageSize, TextOption(fleetOptions, "--expected"), Console.In, Console.Out, Console.Error);
            return 0;
        }
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: AcrNetCheck.Testing registry|closing-proxy --listen ip:port … --ready FILE | fake-arm <bundle.json> [--latency-ms N] [--port N] | resource-graph <registries> [--latency-ms N] [--page-size N] [--expected FILE]");
            return 2;
        }
        var options = Options(args.Skip(1));
        var listen = IPEndPoint.Parse(options["--listen"]);
        switch (args[0])
        {
            case "registry":
                using (var cert = TestCertificates.LoadServer(options["--cert"], options["--key"]))
                {
                    await using var server = await HttpsTestServer.StartAsync(cert, RegistryStandIn.Handler(options["--answer"]), listen.Address.ToString(), listen.Port);
                    await WarmUpTlsAsync(listen);
                    await File.WriteAllTextAsync(options["--ready"], server.BaseUri.ToString());
                    await Terminated();
                }
                return 0;
            case "closing-proxy":
                using (var stop = new CancellationTokenSource())
                {
                    var run = ClosingProxy.RunAsync(listen, stop.Token);
                    await File.WriteAllTextAsync(options["--ready"], listen.ToString());
                    await Terminated();
                    stop.Cancel();
                }
                return 0;
            default:
                Console.Error.WriteLine($"unknown mode '{args[0]}'");
                return 2;
        }
    }

    /// <summary>An unauthenticated HEAD, then the given ARM reads side by side, over HTTP/2 as the tool sends them.</summary>
    private static async Task WarmUpHttpAsync(Uri baseUri, string token, IEnumerable<string> reads)
    {
        using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } };
        using var client = new HttpClient(handler) { BaseAddress = baseUri, DefaultRequestVersion = HttpVersion.Version20 };
        using (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"))) { }
        await Task.WhenAll(reads.Select(async path =>
        {
            using var read = new HttpRequestMessage(HttpMethod.Get, path);
            read.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using (await client.SendAsync(read)) { }
        }));
    }

    /// <summary>
    /// One TLS handshake with the stand-in before it says it is ready: its first handshake costs seconds of JIT on a loaded
    /// machine, which would otherwise be counted against the probe budget of the tool under test.
    /// </summary>
    private static async Task WarmUpTlsAsync(IPEndPoint listen)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(listen);
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("warm-up.invalid");
    }

    /// <summary>
    /// Completes on SIGTERM or SIGINT. The web host's console lifetime swallows SIGTERM and waits for a shutdown nobody
    /// asks for, so the stand-in ends itself: the scenario script's kill must end it.
    /// </summary>
    private static Task Terminated()
    {
        var terminated = new TaskCompletionSource();
        void Stop(PosixSignalContext context) { context.Cancel = true; terminated.TrySetResult(); }
        Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop));
        Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop));
        return terminated.Task;
    }

    private static readonly List<PosixSignalRegistration> Registrations = [];

    private static Dictionary<string, string> Options(IEnumerable<string> args)
    {
        var list = args.ToList();
        return Enumerable.Range(0, list.Count / 2).ToDictionary(i => list[2 * i], i => list[2 * i + 1]);
    }

    private static int? Option(string[] args, string name) =>
        int.TryParse(TextOption(args, name), out var value) ? value : null;

    private static string? TextOption(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
