using System.Net;
using ProtectedActions.Tests.DeviceFilter;
using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Locations;

/// <summary>Named locations through the public evaluator: trusted IP ranges (v4, v6, mapped) and country locations.</summary>
public class LocationEndToEndTests
{
    private static ProtectedActionsOptions BlockOutsideTrusted()
    {
        var options = Fixtures.Seed();
        options.NamedLocations.Add(new NamedLocation
        {
            ODataType = "#microsoft.graph.ipNamedLocation",
            Id = "office",
            IsTrusted = true,
            IpRanges = [new IpRange { CidrAddress = "203.0.113.0/24" }, new IpRange { CidrAddress = "2001:db8:10::/48" }],
        });
        options.ConditionalAccessPolicies.Add(Fixtures.Policy("network", "c1", controls: ["block"], conditions: c =>
            c.Locations = new() { IncludeLocations = ["All"], ExcludeLocations = ["AllTrusted"] }));
        return options;
    }

    private static ProtectedActionOutcome From(ProtectedActionsOptions options, string? address, string? country = null, ICountryResolver? resolver = null) =>
        Fixtures.Evaluate(options, TestSignIns.Fido2(null, address is null ? null : IPAddress.Parse(address), country), country: resolver).Outcome;

    [TestCase("203.0.113.5", ProtectedActionOutcome.Allowed)]
    [TestCase("::ffff:203.0.113.5", ProtectedActionOutcome.Allowed)]
    [TestCase("2001:db8:10:1::5", ProtectedActionOutcome.Allowed)]
    [TestCase("203.0.114.5", ProtectedActionOutcome.Denied)]
    [TestCase("2001:db8:11::5", ProtectedActionOutcome.Denied)]
    public void Only_trusted_networks_escape_the_block(string address, ProtectedActionOutcome expected) =>
        From(BlockOutsideTrusted(), address).Should().Be(expected);

    [Test]
    public void Without_an_address_the_location_is_unknown_and_the_action_is_not_allowed()
    {
        var decision = Fixtures.Evaluate(BlockOutsideTrusted(), TestSignIns.Fido2());
        decision.IsAllowed.Should().BeFalse();
        decision.Policies.Single(p => p.Id == "network").Reason.Should().Be(PolicyReason.NotEnoughInformation);
    }

    private static ProtectedActionsOptions BlockCountries(bool includeUnknown)
    {
        var options = Fixtures.Seed();
        options.NamedLocations.Add(new NamedLocation
        {
            ODataType = "#microsoft.graph.countryNamedLocation",
            Id = "blocked-countries",
            CountriesAndRegions = ["AQ", "BV"],
            IncludeUnknownCountriesAndRegions = includeUnknown,
        });
        options.ConditionalAccessPolicies.Add(Fixtures.Policy("countries", "c1", controls: ["block"], conditions: c =>
            c.Locations = new() { IncludeLocations = ["blocked-countries"] }));
        return options;
    }

    [TestCase("aq", ProtectedActionOutcome.Denied)]
    [TestCase("BV", ProtectedActionOutcome.Denied)]
    [TestCase("DE", ProtectedActionOutcome.Allowed)]
    public void A_country_carried_by_the_sign_in_is_used(string country, ProtectedActionOutcome expected) =>
        From(BlockCountries(false), "198.51.100.1", country).Should().Be(expected);

    [TestCase("AQ", false, ProtectedActionOutcome.Denied)]
    [TestCase("DE", false, ProtectedActionOutcome.Allowed)]
    [TestCase(null, false, ProtectedActionOutcome.Allowed)]
    [TestCase(null, true, ProtectedActionOutcome.Denied)]
    public void A_resolved_country_is_used_and_an_unresolvable_one_follows_includeUnknown(string? resolved, bool includeUnknown, ProtectedActionOutcome expected) =>
        From(BlockCountries(includeUnknown), "198.51.100.1", resolver: new FixedResolver(resolved)).Should().Be(expected);

    [Test]
    public void No_country_and_no_resolver_fails_closed_with_not_enough_information()
    {
        var decision = Fixtures.Evaluate(BlockCountries(false), TestSignIns.Fido2(null, IPAddress.Parse("198.51.100.1")));
        decision.IsAllowed.Should().BeFalse();
        decision.Policies.Single(p => p.Id == "countries").Reason.Should().Be(PolicyReason.NotEnoughInformation);
    }

    [Test]
    public void A_malformed_range_is_reported_at_its_configuration_path()
    {
        var options = BlockOutsideTrusted();
        options.NamedLocations[0].IpRanges!.Add(new IpRange { CidrAddress = "10.0.0.0/4" });
        var result = ProtectedActionsConfiguration.Validate(options);
        result.IsValid.Should().BeFalse();
        result.Errors.Should().Contain(e => e.Path == "ProtectedActions:NamedLocations[0]:ipRanges[2]:cidrAddress" && e.Code == "PA3007");
    }

    private sealed class FixedResolver(string? country) : ICountryResolver
    {
        public ValueTask<string?> ResolveCountryAsync(IPAddress address, CancellationToken cancellationToken) => ValueTask.FromResult(country);
    }
}
