using System.Net;
using ProtectedActions.Compilation;
using ProtectedActions.Tests.DeviceFilter;
using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// The location condition over several named locations: every location is looked at until one matches, the
/// missing information names what was missing (IP address or country), and a resolver is asked whenever any
/// listed location is a country location. Written against mutants the suite did not catch.
/// </summary>
public class LocationConditionMutationTests
{
    private static NamedLocation Ip(string id, string cidr, bool trusted = false) => new()
    {
        ODataType = "#microsoft.graph.ipNamedLocation",
        Id = id,
        IsTrusted = trusted,
        IpRanges = [new IpRange { CidrAddress = cidr }],
    };

    private static NamedLocation Countries(string id, params string[] codes) => new()
    {
        ODataType = "#microsoft.graph.countryNamedLocation",
        Id = id,
        CountriesAndRegions = [.. codes],
    };

    /// <summary>The seed plus a block policy whose location condition the test writes.</summary>
    private static ProtectedActionsOptions Block(Action<ConditionalAccessLocations> locations, params NamedLocation[] named)
    {
        var options = Fixtures.Seed();
        options.NamedLocations.AddRange(named);
        options.ConditionalAccessPolicies.Add(Fixtures.Policy("block", "c1", controls: ["block"], conditions: c =>
        {
            c.Locations = new();
            locations(c.Locations);
        }));
        return options;
    }

    private static ProtectedActionDecision From(ProtectedActionsOptions options, string? address, string? country = null, ICountryResolver? resolver = null) =>
        Fixtures.Evaluate(options, TestSignIns.Fido2(null, address is null ? null : IPAddress.Parse(address), country), country: resolver);

    private static PolicyResult BlockPolicy(ProtectedActionDecision d) => d.Policies.Single(p => p.Id == "block");

    [TestCase("198.51.100.7")]
    [TestCase("192.0.2.9")]
    public void Attacker_cannot_escape_a_block_by_standing_in_a_later_named_location(string address)
    {
        // Three blocked networks; the address is in the second or third, never in the first.
        var options = Block(l => l.IncludeLocations = ["first", "second", "third"],
            Ip("first", "203.0.113.0/24"), Ip("second", "198.51.100.0/24"), Ip("third", "192.0.2.0/24"));

        var d = From(options, address);

        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        BlockPolicy(d).Applies.Should().BeTrue();
        BlockPolicy(d).Reason.Should().Be(PolicyReason.NotSet);
        d.Causes.Should().HaveFlag(DecisionCauses.Blocked);
    }

    [Test]
    public void Locked_out_user_in_a_later_excluded_location_is_not_blocked()
    {
        // Block everywhere except two trusted offices; the user is in the second office.
        var options = Block(l => { l.IncludeLocations = ["All"]; l.ExcludeLocations = ["hq", "branch"]; },
            Ip("hq", "203.0.113.0/24", trusted: true), Ip("branch", "198.51.100.0/24", trusted: true));

        var d = From(options, "198.51.100.7");

        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        BlockPolicy(d).Applies.Should().BeFalse();
        BlockPolicy(d).Reason.Should().Be(PolicyReason.Location);
    }

    [Test]
    public void A_match_after_unknown_locations_is_a_match_not_missing_information()
    {
        // The first location is a country location (no country known), the second an IP range the sign-in is in:
        // the condition matches on known facts.
        var options = Block(l => l.IncludeLocations = ["countries", "office"],
            Countries("countries", "AQ"), Ip("office", "203.0.113.0/24"));

        var d = From(options, "203.0.113.5");

        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        BlockPolicy(d).Reason.Should().Be(PolicyReason.NotSet);
        BlockPolicy(d).MissingInformation.Should().Be(MissingInformation.None);
    }

    [Test]
    public void Two_ip_locations_without_an_address_name_the_ip_address_as_missing()
    {
        var options = Block(l => l.IncludeLocations = ["first", "second"], Ip("first", "203.0.113.0/24"), Ip("second", "198.51.100.0/24"));

        var d = From(options, address: null);

        d.IsAllowed.Should().BeFalse();
        BlockPolicy(d).Reason.Should().Be(PolicyReason.NotEnoughInformation);
        BlockPolicy(d).MissingInformation.Should().Be(MissingInformation.IpAddress);
        d.Explanation.Should().Contain("- Policy block [block] (enabled): applies for lack of information (IP address), not satisfied: block (re-authentication cannot fix it)");
    }

    [Test]
    public void A_country_location_without_a_country_names_the_country_as_missing()
    {
        var options = Block(l => l.IncludeLocations = ["countries", "more"], Countries("countries", "AQ"), Countries("more", "BV"));

        var d = From(options, "203.0.113.5");

        d.IsAllowed.Should().BeFalse();
        BlockPolicy(d).Reason.Should().Be(PolicyReason.NotEnoughInformation);
        BlockPolicy(d).MissingInformation.Should().Be(MissingInformation.Country);
        d.Explanation.Should().Contain("applies for lack of information (country)");
    }

    [Test]
    public void An_ip_and_a_country_location_both_unknown_name_both()
    {
        var options = Block(l => l.IncludeLocations = ["office", "countries"], Ip("office", "203.0.113.0/24"), Countries("countries", "AQ"));

        var d = From(options, address: null);

        BlockPolicy(d).MissingInformation.Should().Be(MissingInformation.IpAddress | MissingInformation.Country);
        d.Explanation.Should().Contain("applies for lack of information (IP address, country)");
    }

    [Test]
    public void Attacker_cannot_avoid_the_country_lookup_by_the_policy_listing_an_ip_location_first()
    {
        var resolver = new CountingResolver("AQ");
        var options = Block(l => l.IncludeLocations = ["office", "countries"], Ip("office", "203.0.113.0/24"), Countries("countries", "AQ"));

        var d = From(options, "198.51.100.7", resolver: resolver);

        resolver.Calls.Should().Be(1);
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        BlockPolicy(d).Reason.Should().Be(PolicyReason.NotSet);
    }

    [Test]
    public void Locked_out_user_in_an_excluded_country_is_found_by_the_resolver_when_an_ip_location_is_excluded_too()
    {
        var resolver = new CountingResolver("DE");
        var options = Block(l => { l.IncludeLocations = ["All"]; l.ExcludeLocations = ["office", "home-country"]; },
            Ip("office", "203.0.113.0/24", trusted: true), Countries("home-country", "DE"));

        var d = From(options, "198.51.100.7", resolver: resolver);

        resolver.Calls.Should().Be(1);
        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        BlockPolicy(d).Reason.Should().Be(PolicyReason.Location);
    }

    [Test]
    public void Ip_locations_alone_never_call_the_resolver()
    {
        var resolver = new CountingResolver("AQ");
        var options = Block(l => { l.IncludeLocations = ["All"]; l.ExcludeLocations = ["office"]; }, Ip("office", "203.0.113.0/24", trusted: true));

        From(options, "198.51.100.7", resolver: resolver).Outcome.Should().Be(ProtectedActionOutcome.Denied);
        resolver.Calls.Should().Be(0);
    }

    [Test]
    public void Attacker_cannot_escape_a_block_on_the_unknowable_mfa_trusted_ips_location()
    {
        // The legacy MFA trusted IPs location has no ranges here: membership is unknown for every address.
        var options = Block(l => l.IncludeLocations = [PolicyCompiler.MfaTrustedIpsId]);

        var d = From(options, "198.51.100.7");

        d.IsAllowed.Should().BeFalse();
        BlockPolicy(d).Applies.Should().BeTrue();
        BlockPolicy(d).Reason.Should().Be(PolicyReason.NotEnoughInformation);
        BlockPolicy(d).MissingInformation.Should().Be(MissingInformation.IpAddress);
    }

    [Test]
    public void A_known_match_beside_the_unknowable_mfa_trusted_ips_location_is_a_plain_match()
    {
        var options = Block(l => l.IncludeLocations = ["office", PolicyCompiler.MfaTrustedIpsId], Ip("office", "203.0.113.0/24"));

        var d = From(options, "203.0.113.5");

        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        BlockPolicy(d).Reason.Should().Be(PolicyReason.NotSet);
        BlockPolicy(d).MissingInformation.Should().Be(MissingInformation.None);
    }

    private sealed class CountingResolver(string? country) : ICountryResolver
    {
        public int Calls { get; private set; }

        public ValueTask<string?> ResolveCountryAsync(IPAddress address, CancellationToken cancellationToken)
        {
            Calls++;
            return ValueTask.FromResult(country);
        }
    }
}
