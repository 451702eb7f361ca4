using AcrNetCheck.Core.Collection.ResourceGraph;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Testing.Fleet;

/// <summary>One generated registry: where it lives and the fault it was given.</summary>
public sealed record GeneratedRegistry(string Id, string Name, string Subscription, FleetFault Fault)
{
    public IReadOnlySet<string> ExpectedFindings => FleetFaults.ExpectedFindings(Fault);
}

/// <summary>
/// A generated fleet as the services would hold it: Resource Graph rows per fleet query (in Resource Graph's shape, with
/// lower-cased <c>type</c>) and the ARM documents of the fall-back reads, keyed by path.
/// </summary>
public sealed class GeneratedFleet
{
    internal Dictionary<string, List<JObject>> Rows { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, JObject> ArmDocuments { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<GeneratedRegistry> Registries { get; } = new();

    public List<string> Subscriptions { get; } = new();

    /// <summary>The rows a fleet query returns (<see cref="FleetQueries"/> names), before scoping and paging.</summary>
    public IReadOnlyList<JObject> RowsFor(string queryName) => Rows.TryGetValue(queryName, out var rows) ? rows : [];

    public JObject? ArmDocument(string path) => ArmDocuments.TryGetValue(path, out var doc) ? doc : null;

    /// <summary>Makes a fall-back read answer 404, as for a resource deleted between the query and the read.</summary>
    public void RemoveArmDocument(string path) => ArmDocuments.Remove(path);

    internal void AddRow(string queryName, JObject row)
    {
        if (!Rows.TryGetValue(queryName, out var rows)) Rows[queryName] = rows = new List<JObject>();
        rows.Add(row);
    }
}
