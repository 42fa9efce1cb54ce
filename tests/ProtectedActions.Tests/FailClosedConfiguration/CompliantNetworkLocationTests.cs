using System.Net;
using ProtectedActions.Conditions;
using ProtectedActions.Conditions.Locations;
using ProtectedActions.Tests.DeviceFilter;
using ProtectedActions.Tests.Support;
using ProtectedActions.Validation;

namespace ProtectedActions.Tests.FailClosedConfiguration;

/// <summary>Item 11: a Global Secure Access compliant network location is accepted; its membership is always unknown.</summary>
public class CompliantNetworkLocationTests
{
    private const string GsaId = "3d46dbda-8382-466a-856d-eb00cbc6b910";
    private const string Path = "ProtectedActions:NamedLocations[0]";

    private static NamedLocation Gsa(string? type = "#microsoft.graph.compliantNetworkNamedLocation") => new()
    {
        ODataType = type,
        Id = GsaId,
        DisplayName = "All Compliant Network locations",
        CompliantNetworkType = "allTenantCompliantNetworks",
        IsTrusted = true,
    };

    [Test]
    public void It_compiles_with_a_warning_that_says_why()
    {
        var issues = new IssueCollector();
        var compiled = CompiledNamedLocation.Compile(Gsa(), Path, issues);
        compiled.Should().NotBeNull();
        issues.HasErrors.Should().BeFalse();
        issues.Issues.Should().ContainSingle().Which.Should().Match<ConfigurationIssue>(i =>
            i.Code == "PA3020" && i.Severity == ConfigurationSeverity.Warning && i.Path == Path && i.Message.Contains("notEnoughInformation"));
    }

    [Test]
    public void Without_odata_type_the_compliant_network_type_says_what_it_is()
    {
        var issues = new IssueCollector();
        CompiledNamedLocation.Compile(Gsa(type: null), Path, issues).Should().NotBeNull();
        issues.HasErrors.Should().BeFalse();
        issues.Issues.Should().ContainSingle(i => i.Code == "PA3020");
    }

    [TestCase("203.0.113.5")]
    [TestCase("2001:db8::1")]
    [TestCase(null)]
    public void Membership_is_unknown_for_every_address(string? address)
    {
        var compiled = CompiledNamedLocation.Compile(Gsa(), Path, new IssueCollector())!;
        compiled.Contains(address is null ? null : IPAddress.Parse(address), "US", countryKnown: true).Should().Be(ConditionMatch.Unknown);
    }

    [Test]
    public void Ranges_on_a_compliant_network_location_are_an_error()
    {
        var location = Gsa();
        location.IpRanges = [new IpRange { CidrAddress = "203.0.113.0/24" }];
        var issues = new IssueCollector();
        CompiledNamedLocation.Compile(location, Path, issues).Should().BeNull();
        issues.Issues.Should().Contain(i => i.Code == "PA3003");
    }

    [Test]
    public void Another_unknown_odata_type_is_still_rejected()
    {
        var issues = new IssueCollector();
        CompiledNamedLocation.Compile(Gsa("#microsoft.graph.futureNamedLocation"), Path, issues).Should().BeNull();
        issues.Issues.Should().ContainSingle().Which.Code.Should().Be("PA3002");
    }

    private static ProtectedActionsOptions BlockOutsideGsa()
    {
        // The corpus policy "800 - Block Access outside of GSA Network", guarding c1.
        var options = Fixtures.Seed();
        options.NamedLocations.Add(Gsa());
        options.ConditionalAccessPolicies.Add(Fixtures.Policy("gsa", "c1", controls: ["block"], conditions: c =>
            c.Locations = new() { IncludeLocations = ["All"], ExcludeLocations = [GsaId] }));
        return options;
    }

    [Test]
    public void The_configuration_loads()
    {
        var result = ProtectedActionsConfiguration.Validate(BlockOutsideGsa());
        result.Errors.Should().BeEmpty();
        result.Warnings.Should().Contain(i => i.Code == "PA3020");
    }

    [TestCase("203.0.113.5")]
    [TestCase(null)]
    public void Attacker_cannot_escape_a_block_by_claiming_to_be_on_the_compliant_network(string? address)
    {
        var decision = Fixtures.Evaluate(BlockOutsideGsa(), TestSignIns.Fido2(null, address is null ? null : IPAddress.Parse(address)));
        decision.IsAllowed.Should().BeFalse("an exclusion of an unknowable location never exempts");
        decision.Policies.Single(p => p.Id == "gsa").Should().Match<PolicyResult>(p => p.Applies && p.Reason == PolicyReason.NotEnoughInformation);
    }

    [Test]
    public void A_policy_including_the_location_applies_for_lack_of_information()
    {
        var options = Fixtures.Seed();
        options.NamedLocations.Add(Gsa());
        options.ConditionalAccessPolicies[0].Conditions!.Locations = new() { IncludeLocations = [GsaId] };
        var decision = Fixtures.Evaluate(options, TestSignIns.Fido2(null, IPAddress.Parse("203.0.113.5")));
        decision.Policies[0].Should().Match<PolicyResult>(p => p.Applies && p.Reason == PolicyReason.NotEnoughInformation);
    }

    [Test]
    public void Locked_out_user_under_a_policy_on_the_location_still_sees_the_step_up()
    {
        // The seed policy (phishing-resistant strength) restricted to the compliant network: unknown membership
        // makes it apply, and a user who can meet the strength is shown the way.
        var options = Fixtures.Seed();
        options.NamedLocations.Add(Gsa());
        options.ConditionalAccessPolicies[0].Conditions!.Locations = new() { IncludeLocations = [GsaId] };
        var decision = Fixtures.Evaluate(options, Fixtures.Password());
        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        decision.Challenge!.AuthenticationContextId.Should().Be("c1");
        decision.Challenge.WwwAuthenticate.Should().ContainSingle().Which.Should().StartWith("Bearer ");
    }

    [Test]
    public void AllTrusted_with_a_trusted_compliant_network_never_exempts()
    {
        var options = Fixtures.Seed();
        options.NamedLocations.Add(Gsa());
        options.ConditionalAccessPolicies.Add(Fixtures.Policy("untrusted", "c1", controls: ["block"], conditions: c =>
            c.Locations = new() { IncludeLocations = ["All"], ExcludeLocations = ["AllTrusted"] }));
        Fixtures.Evaluate(options, TestSignIns.Fido2(null, IPAddress.Parse("203.0.113.5"))).IsAllowed.Should().BeFalse();
    }
}
