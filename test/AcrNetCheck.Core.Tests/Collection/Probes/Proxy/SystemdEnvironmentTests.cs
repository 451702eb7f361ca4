using AcrNetCheck.Core.Collection.Probes.Proxy;

namespace AcrNetCheck.Core.Tests.Collection.Probes.Proxy;

public class SystemdEnvironmentTests
{
    [Fact]
    public void QuotedAndBareAssignments_OnOneOrManyLines()
    {
        var parsed = SystemdEnvironment.Parse("""
            [Service]
            Environment="HTTPS_PROXY=http://proxy:3128" "NO_PROXY=localhost,.azurecr.io"
            Environment=HTTP_PROXY=http://proxy:3128
            # Environment=HTTPS_PROXY=http://commented:3128
            """);
        Assert.Equal(
            [new("HTTPS_PROXY", "http://proxy:3128"), new("NO_PROXY", "localhost,.azurecr.io"), new KeyValuePair<string, string>("HTTP_PROXY", "http://proxy:3128")],
            parsed);
    }

    [Fact]
    public void SpaceInsideQuotes_StaysInTheValue() =>
        Assert.Equal("a b", SystemdEnvironment.Parse("Environment=\"X=a b\"").Single().Value);
}
