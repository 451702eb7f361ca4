using System.Diagnostics;
using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Tests.Support;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// Azure failing before anything is read (throttled, 5xx, hung, TLS broken, connections reset, the token endpoint hung or
/// failing) ends in one stderr line naming the step and what failed, with its own exit code; failing later, in a finished
/// report. A timeout is never blamed on a permission or on the account.
/// </summary>
public sealed class AzureFaultTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(45);

    [Theory]
    [InlineData(500, "InternalServerError")]
    [InlineData(503, "ServiceUnavailable")]
    public async Task RegistryLookupServerError_ExitsAzureUnavailableNotNotFound(int status, string code)
    {
        await using var azure = await StartAsync(new ArmFault("/resources", status, code));

        var result = await azure.RunAsync(Limit, "diagnose", "-n", "contoso", "--timeout", "40");

        Assert.Equal(ExitCodes.AzureUnavailable, result.ExitCode);
        var line = OneErrorLine(result);
        Assert.Contains("could not list the registries", line);
        Assert.Contains($"HTTP {status} {code}", line);
        Assert.DoesNotContain("needs", line);
    }

    [Fact]
    public async Task ThrottledWithLongRetryAfter_EndsWithinTimeoutNamingTheStep()
    {
        await using var azure = await StartAsync(new ArmFault("/resources", 429, "TooManyRequests") { RetryAfterSeconds = 3600 });

        var clock = Stopwatch.StartNew();
        var result = await azure.RunAsync(Limit, "diagnose", "-n", "contoso", "--timeout", "5");

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        Assert.Equal(ExitCodes.AzureUnavailable, result.ExitCode);
        Assert.Contains("no answer within --timeout 5 s while finding the registry 'contoso'", OneErrorLine(result));
    }

    [Theory]
    [InlineData("echo 'ERROR: AADSTS50173: The provided grant has expired.' >&2; exit 1")]
    [InlineData("sleep 120")]
    public async Task ThrottledAndTokenEndpointFailingOrHangingAfterSignIn_OneLineNamingWhatFailed(string laterTokenRequests)
    {
        await using var azure = await StartAsync(new ArmFault("/resources", 429, "TooManyRequests") { RetryAfterSeconds = 3600 });
        // The first token (sign-in) is handed out; every later request for one fails (an expired az login) or hangs.
        azure.WriteFakeAz($$"""
            [ -f "$HOME/signed-in" ] && { {{laterTokenRequests}}; }
            touch "$HOME/signed-in"
            echo '{"accessToken": "{{azure.Arm.AccessToken}}", "expiresOn": "2030-01-01 00:00:00.000000", "expires_on": 1893456000}'
            """);

        var result = await azure.RunAsync(Limit, "diagnose", "-n", "contoso", "--timeout", "5");

        // When the SDK asks for a token again depends on its cache: either the credential's failure or the clock ends the run.
        Assert.Contains(result.ExitCode, new[] { ExitCodes.SignInFailed, ExitCodes.AzureUnavailable });
        var line = OneErrorLine(result);
        Assert.Contains(result.ExitCode == ExitCodes.SignInFailed ? "the credential stopped handing out tokens" : "no answer within --timeout 5 s", line);
    }

    [Theory]
    [InlineData("diagnose", "-n", "contoso")]
    [InlineData("collect", "-n", "contoso")]
    [InlineData("logs", "-n", "contoso")]
    [InlineData("scan")]
    public async Task TokenEndpointHanging_IsATimeoutNotASignInFailure(params string[] command)
    {
        await using var azure = await StartAsync();
        azure.WriteFakeAz("sleep 120");

        var result = await azure.RunAsync(Limit, [.. command, "--timeout", "4"]);

        Assert.Equal(ExitCodes.AzureUnavailable, result.ExitCode);
        var line = OneErrorLine(result);
        Assert.Contains("no answer within --timeout 4 s while signing in", line);
        Assert.DoesNotContain("az login", line);
    }

    [Fact]
    public async Task ArmHanging_IsATimeoutNotAnAuthenticationFailure()
    {
        await using var azure = await StartAsync(new ArmFault("/subscriptions/") { Hang = true });

        var result = await azure.RunAsync(Limit, "diagnose", "-n", "contoso", "--timeout", "4");

        Assert.Equal(ExitCodes.AzureUnavailable, result.ExitCode);
        var line = OneErrorLine(result);
        Assert.Contains("no answer within --timeout 4 s while finding the registry 'contoso'", line);
        Assert.DoesNotContain("uthentication", line);
    }

    [Fact]
    public async Task ArmHangingAfterTheRegistryIsFound_FinishedReportWhoseTimeoutNamesNoPermission()
    {
        await using var azure = await StartAsync(new ArmFault("/registries/contoso") { Hang = true });

        var result = await azure.RunAsync(Limit, "diagnose", "-n", "contoso", "-g", EvidenceBuilder.Group, "--timeout", "4");

        Assert.True(result.ExitCode == ExitCodes.Incomplete, result.StdErr);
        var report = JObject.Parse(result.StdOut);
        // The registry's children are read alongside it, so every read the hang held up times out, and none names a permission.
        var timeouts = report["collectionErrors"]!.Where(e => e.Value<string>("errorCode") == "Timeout").ToList();
        Assert.Contains(timeouts, e => e.Value<string>("resourceId")!.EndsWith("/registries/contoso", StringComparison.OrdinalIgnoreCase));
        Assert.All(timeouts, e => Assert.Null(e["requiredPermission"]));
        Assert.Contains("no answer within --timeout 4 s", result.StdErr);
        Assert.DoesNotContain("needs Microsoft.", result.StdErr);
        Assert.Contains(report["checks"]!, c => c.Value<string>("reason")?.StartsWith("collection-failed:registry") == true);
        Assert.All(report["checks"]!.Where(c => c.Value<string>("outcome") == "skipped"), c => Assert.DoesNotContain("needs Microsoft.", c.Value<string>("reason")));
    }

    [Fact]
    public async Task TlsFailure_OneLineNamingTheCertificateProblem()
    {
        await using var azure = await StartAsync();
        // A trust store without the stand-in's CA: every handshake with it fails, as behind an unknown inspection proxy.
        azure.Environment["SSL_CERT_FILE"] = "/dev/null";

        var result = await azure.RunAsync(Limit, "diagnose", "-n", "contoso", "--timeout", "40");

        Assert.Equal(ExitCodes.AzureUnavailable, result.ExitCode);
        var line = OneErrorLine(result);
        Assert.Contains("ConnectionFailed", line);
        Assert.Contains("SSL connection could not be established", line);
        Assert.DoesNotContain("AggregateException", line);
    }

    [Fact]
    public async Task ConnectionReset_OneLineNamingTheConnectionFailure()
    {
        var resetting = new ResettingServer();
        await using var azure = LocalAzure.Over(resetting, resetting.BaseUri, certs.Certificates);

        var result = await azure.RunAsync(Limit, "diagnose", "-n", "contoso", "--timeout", "40");

        Assert.True(result.ExitCode == ExitCodes.AzureUnavailable, $"exit {result.ExitCode}: {result.StdErr}");
        var line = OneErrorLine(result);
        Assert.Contains("ConnectionFailed", line);
        Assert.DoesNotContain("AggregateException", line);
    }

    private Task<LocalAzure> StartAsync(params ArmFault[] faults) =>
        LocalAzure.StartAsync(certs.Certificates, ArmScenario.FromSample("healthy-public").Fixture, new FakeArmOptions { Faults = [.. faults] });

    /// <summary>The one "error: …" line a failure prints, with nothing on stdout and no stack trace.</summary>
    private static string OneErrorLine(CliResult result)
    {
        Assert.Equal("", result.StdOut);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("cancelled", line);
        return line;
    }
}
