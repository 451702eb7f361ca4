namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>One Resource Graph query of the fleet scan: a short name (progress, --debug, collection errors), the evidence it brings and its KQL.</summary>
internal sealed record FleetQuery(string Name, string Evidence, string Text)
{
    public override string ToString() => $"// {Name}: {Evidence}\n{Text}";
}
