using AcrNetCheck.Core.Collection.ResourceGraph;

namespace AcrNetCheck.Core.Tests.Collection.ResourceGraph;

public sealed class QueryFilterTests
{
    [Theory]
    [InlineData("tags.env == 'prod'")]
    [InlineData("  resourceGroup startswith 'rg-platform' and location in~ ('eastus', 'westeurope')  ")]
    [InlineData("name has 'a|b;c'")]
    [InlineData("tags['team'] == \"it's \\\"ok\\\"\"")]
    public void OneCondition_IsAppendedAsAWhereClause(string clause)
    {
        var query = FleetQueries.Registries(QueryFilter.Validate(clause));

        Assert.EndsWith($"| where ({clause.Trim()})", query.Text);
    }

    [Theory]
    [InlineData("tags.env == 'prod' | project id", "'|' outside a string")]
    [InlineData("true; resources | take 1", "';' outside a string")]
    [InlineData("| where name == 'x'", "without '| where'")]
    [InlineData("where name == 'x'", "without '| where'")]
    [InlineData("name == 'x", "unterminated string")]
    [InlineData("(name == 'x'", "unmatched '('")]
    [InlineData("name == 'x')", "unmatched ')'")]
    [InlineData("   ", "empty")]
    public void AnythingButOneCondition_IsRefusedWithOneLine(string clause, string why)
    {
        var ex = Assert.Throws<FormatException>(() => QueryFilter.Validate(clause));

        Assert.Contains(why, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
