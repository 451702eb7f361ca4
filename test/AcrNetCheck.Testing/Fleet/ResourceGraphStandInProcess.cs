namespace AcrNetCheck.Testing.Fleet;

/// <summary>
/// The <c>resource-graph</c> mode of this project's entry point: a generated fleet behind the Resource Graph stand-in
/// (which also answers the fall-back ARM GETs and the subscription list) over HTTPS on 127.0.0.1, in a process of its own,
/// so that a benchmark can measure the scanner's process without the fleet's memory and serialisation in it.
/// </summary>
public static class ResourceGraphStandInProcess
{
    /// <summary>
    /// Prints <c>url=</c>, <c>ca=</c> and <c>token=</c> (the stand-in takes any bearer token; the fake az hands out this
    /// one), serves until stdin closes, then prints what it served to stderr as one <c>served:</c> line.
    /// </summary>
    /// <param name="expectedPath">When given, each registry's id and expected finding ids (sorted, comma-joined) are written
    /// there as tab-separated lines, for the caller to check the scan's report against.</param>
    public static async Task RunAsync(int registries, TimeSpan latency, int pageSize, string? expectedPath, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var fleet = FleetGenerator.Generate(registries);
        if (expectedPath is not null)
            await File.WriteAllLinesAsync(expectedPath, fleet.Registries.Select(r => $"{r.Id}\t{string.Join(",", r.ExpectedFindings.Order(StringComparer.Ordinal))}"));
        var standIn = new ResourceGraphStandIn(fleet) { Latency = latency, MaxRowsPerPage = pageSize };
        using var certs = new TestCertificates();
        await using var server = await HttpsTestServer.StartAsync(certs, standIn.HandleAsync);
        await stdout.WriteLineAsync($"url={server.BaseUri}");
        await stdout.WriteLineAsync($"ca={certs.CaPemPath}");
        await stdout.WriteLineAsync($"token=fleet-stand-in-{Guid.NewGuid():N}");
        await stdout.FlushAsync();
        await stdin.ReadToEndAsync();
        await stderr.WriteLineAsync($"served: {registries} registries, {standIn.GraphRequests} Resource Graph requests, " +
                                    $"{standIn.ArmGets.Count} ARM GETs ({standIn.ArmGets.Count(IsSubscriptionList)} subscription list), " +
                                    $"{standIn.BatchRequests} ARM batches, {standIn.QuotaRejections} quota rejections");
    }

    private static bool IsSubscriptionList(string path) => path.Equals("/subscriptions", StringComparison.OrdinalIgnoreCase);
}
