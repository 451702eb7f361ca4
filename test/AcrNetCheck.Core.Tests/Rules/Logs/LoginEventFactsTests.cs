using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules.Logs;

namespace AcrNetCheck.Core.Tests.Rules.Logs;

public class LoginEventFactsTests
{
    [Theory]
    [InlineData("200", "200 OK", LoginEventKind.Success)]
    [InlineData("403", "403 Forbidden: client with IP '1.2.3.4' is not allowed access", LoginEventKind.NetworkDenied)]
    [InlineData(null, "client with IP '1.2.3.4' is not allowed access", LoginEventKind.NetworkDenied)]
    [InlineData("", "403 Forbidden", LoginEventKind.NetworkDenied)]
    [InlineData("401", "401 Unauthorized", LoginEventKind.AuthenticationFailed)]
    [InlineData("401", "denied: requested access to the resource is denied", LoginEventKind.AuthenticationFailed)]
    [InlineData(null, "authentication required", LoginEventKind.AuthenticationFailed)]
    [InlineData("500", "500 Internal Server Error", LoginEventKind.OtherFailure)]
    public void Classify_ReadsStatusBeforeWords(string? resultType, string description, LoginEventKind expected)
    {
        Assert.Equal(expected, LoginEventFacts.Classify(new LoginEventGroup { ResultType = resultType, ResultDescription = description }));
    }

    [Fact]
    public void ByCaller_GroupsEventsWithoutAddressUnderUnknownCaller()
    {
        var events = new LoginEventsEvidence { Groups = [new() { ResultType = "403", Count = 2 }, new() { ResultType = "403", CallerIpAddress = "", Count = 1 }] };

        var caller = Assert.Single(LoginEventFacts.ByCaller(events, LoginEventKind.NetworkDenied));

        Assert.Equal(LoginEventFacts.UnknownCaller, caller.CallerIp);
        Assert.False(caller.HasAddress);
        Assert.Equal(3, caller.Count);
    }
}
