// The floor for bench/diagnose-latency.sh: the least any Native AOT .NET client pays for the ARM reads one `diagnose` sent.
// It does what the tool must and nothing else: starts the connection to ARM while it signs in through `az` (run as
// Azure.Identity runs it, through /bin/sh), then sends the reads the fake ARM recorded from the tool's run, round trip by
// round trip, each round's reads side by side on one HTTP/2 connection, validating ARM's certificate as .NET does (the
// system's trusted roots). No parsing, no analysis, no report: its wall time above the ideal is the platform's, not the tool's.
//   replay-client --version                      start-up alone
//   replay-client <arm-url> <reads-file>         reads-file: lines "<round trip> <path and query>"
using System.Diagnostics;
using System.Net;
using System.Text.Json;

if (args is not [var armUrl, var readsFile]) { Console.WriteLine("replay-client 1"); return 0; }

var rounds = File.ReadLines(readsFile).Select(line => line.Split(' ', 2)).GroupBy(p => int.Parse(p[0]), p => p[1]).OrderBy(g => g.Key).ToList();
using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
{
    BaseAddress = new Uri(armUrl), DefaultRequestVersion = HttpVersion.Version20,
};
var connected = Task.Run(async () => { try { using var _ = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/")); } catch (HttpRequestException) { } });

var signIn = new ProcessStartInfo("/bin/sh", ["-c", "az account get-access-token --output json --resource https://management.core.windows.net/"]) { RedirectStandardOutput = true };
using (var az = Process.Start(signIn)!)
{
    using var token = JsonDocument.Parse(await az.StandardOutput.ReadToEndAsync());
    await az.WaitForExitAsync();
    client.DefaultRequestHeaders.Authorization = new("Bearer", token.RootElement.GetProperty("accessToken").GetString());
}

// As the tool's reads join its warmed connection: one TLS handshake, not a second one raced by the first read.
await connected;
foreach (var round in rounds)
    await Task.WhenAll(round.Select(async read => { using var answer = await client.GetAsync(read); await answer.Content.ReadAsByteArrayAsync(); }));
return 0;
