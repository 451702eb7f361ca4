using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Auth;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules;

/// <summary>
/// Issue 12: a printed fix command pasted into bash runs az with exactly the intended arguments, whatever the names in the
/// evidence hold. Each command is split by a POSIX word lexer (quotes, backslashes; any unquoted shell operator fails).
/// </summary>
public class ShellSafeFixTests
{
    private const string Injection = "$(reboot)";  // no slash: a resource id could not hold it

    [Fact]
    public void HostileNsgName_NsgRuleCreateHasTheNameAsOneArgument()
    {
        var nsg = "nsg-" + Injection;
        var b = EvidenceBuilder.Create().Registry().ServiceTag("AzureContainerRegistry.EastUS", "20.42.64.0/22")
            .ClientSubnet(nsgId: EvidenceBuilder.NsgId(nsg)).Nsg(nsg, new NsgRule("Deny;rm -rf ~", 100, "Deny", "AzureContainerRegistry"));

        var fix = Assert.Single(FindingOf(b, NsgDeniesOutboundRule.Id).Solution, s => s.StartsWith("az network nsg rule create", StringComparison.Ordinal));

        var argv = PosixWords.Split(fix);
        Assert.Equal(nsg, argv[argv.IndexOf("--nsg-name") + 1]);
        Assert.Equal("rg-network", argv[argv.IndexOf("-g") + 1]);
    }

    [Fact]
    public void HostileRouteTableAndRouteNames_RouteDeleteHasThemAsOneArgumentEach()
    {
        var table = "rt-`id`";
        var b = EvidenceBuilder.Create().Registry().ServiceTag("AzureContainerRegistry.EastUS", "20.42.66.0/24")
            .ClientSubnet(routeTableId: EvidenceBuilder.RouteTableId(table)).RouteTable(table, ("it's|gone", "20.42.66.0/24", "None", null));

        var fix = FindingOf(b, RouteDropsRegistryTrafficRule.Id).Solution[0];

        Assert.Equal(["az", "network", "route-table", "route", "delete", "-g", "rg-network", "--route-table-name", table, "-n", "it's|gone"], PosixWords.Split(fix));
    }

    [Fact]
    public void HostileIdentityFromLoginEvents_RoleAssignmentListHasItAsOneArgument()
    {
        var identity = "ci@contoso.com;touch /tmp/x;#";
        var b = EvidenceBuilder.Create().Registry().LoginEvents(new LoginEventGroup
        {
            CallerIpAddress = "203.0.113.9", Identity = identity, ResultType = "401", ResultDescription = "unauthorized", OperationName = "Login", Count = 12,
        });

        var fix = Assert.Single(FindingOf(b, SuspectedRule.Id).Solution, s => s.StartsWith("az role assignment list", StringComparison.Ordinal));

        var argv = PosixWords.Split(fix);
        Assert.Equal(identity, argv[argv.IndexOf("--assignee") + 1]);
        Assert.Equal("<registry-id>", argv[argv.IndexOf("--scope") + 1] is var scope && scope.StartsWith('/') ? "<registry-id>" : scope);
    }

    [Fact]
    public void HostileRegistryName_FilledPlaceholdersStayOneArgumentAndOthersStayRecognisable()
    {
        var b = EvidenceBuilder.Create().Registry(name: "contoso'; reboot; '").PublicAccessDisabled();

        var report = Analyzer.Analyze(b.Build());

        foreach (var step in report.Findings.SelectMany(f => f.Solution).Where(s => s.StartsWith("az ", StringComparison.Ordinal)))
        {
            var argv = PosixWords.Split(step);
            if (argv.IndexOf("--name") is var at and >= 0 && argv[1] == "acr") Assert.Equal("contoso'; reboot; '", argv[at + 1]);
        }
    }

    [Fact]
    public void EveryPrintedCommandOfEverySample_SplitsWithoutAShellOperator()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Reference.RepoRoot, "samples"), "*.json"))
        {
            var report = Analyzer.Analyze(EvidenceLoader.Parse(File.ReadAllText(file), file));
            foreach (var step in report.Findings.SelectMany(f => f.Solution).Where(s => s.StartsWith("az ", StringComparison.Ordinal)))
                PosixWords.Split(step.Split(" (", 2)[0]);  // prose may follow a command in parentheses
        }
    }

    private static FindingReport FindingOf(EvidenceBuilder b, string ruleId) => Assert.Single(Analyzer.Analyze(b.Build()).Findings, f => f.Id == ruleId);
}

/// <summary>
/// Splits a command line into words as a POSIX shell would (single quotes, double quotes, backslash), failing on any
/// unquoted character that would make the shell do more than run one command: ; | &amp; $ ` ( ) &gt; and &lt; outside a
/// &lt;placeholder&gt;, and glob characters.
/// </summary>
internal static class PosixWords
{
    public static List<string> Split(string line)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == ' ') { if (inWord) words.Add(word.ToString()); word.Clear(); inWord = false; continue; }
            inWord = true;
            if (c == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                if (end < 0) throw new Xunit.Sdk.XunitException($"unterminated single quote in: {line}");
                word.Append(line, i + 1, end - i - 1);
                i = end;
            }
            else if (c == '"') throw new Xunit.Sdk.XunitException($"double quotes expand $ and `: {line}");
            else if (c == '\\') word.Append(line[++i]);
            else if (c == '<' && line.IndexOf('>', i) is var close and > 0 && System.Text.RegularExpressions.Regex.IsMatch(line[i..(close + 1)], "^<[a-z0-9-]+>$"))
            {
                word.Append(line, i, close - i + 1);
                i = close;
            }
            else if (";|&$`()<>*?[".Contains(c)) throw new Xunit.Sdk.XunitException($"unquoted '{c}' at {i} in: {line}");
            else word.Append(c);
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
