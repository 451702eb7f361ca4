using AcrNetCheck.Cli.Tests.Support;

namespace AcrNetCheck.Cli.Tests.Rendering;

/// <summary>Issue 11: a fix of several commands is shown whole and in order by the formats people paste from.</summary>
public class FixStepsTests
{
    [Theory]
    [InlineData("table")]
    [InlineData("markdown")]
    public async Task StaleRecord_BothCommandsInOrder(string format)
    {
        var result = await CliRunner.RunWideAsync("analyze", CliRunner.Sample("private-dns-record-mismatch.json"), "-o", format);

        var text = result.StdOut;
        var add = text.IndexOf("az network private-dns record-set a add-record -g rg-network -z privatelink.azurecr.io -n contoso -a 10.1.0.4", StringComparison.Ordinal);
        var remove = text.IndexOf("az network private-dns record-set a remove-record -g rg-network -z privatelink.azurecr.io -n contoso -a 10.1.0.9", StringComparison.Ordinal);
        Assert.True(add >= 0 && remove > add, text);
    }
}
