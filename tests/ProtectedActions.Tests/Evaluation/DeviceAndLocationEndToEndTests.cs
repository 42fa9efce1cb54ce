using System.Net;
using ProtectedActions.Tests.Support;
using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Evaluation;

/// <summary>Device filters and named locations through the evaluator (docs/decisions/device-filters-and-locations.md).</summary>
public class DeviceAndLocationEndToEndTests
{
    private const string PawRule = "device.isCompliant -eq True -and device.extensionAttribute1 -eq \"PAW\"";

    /// <summary>The privileged-workstation pattern: block every device except compliant PAWs.</summary>
    private static ProtectedActionsOptions PawOnly()
    {
        var o = Seed();
        o.ConditionalAccessPolicies.Add(Policy("paw", "c1", controls: ["block"], conditions: c =>
            c.Devices = new() { DeviceFilter = new() { Mode = "exclude", Rule = PawRule } }));
        return o;
    }

    private static ProtectedActionsOptions Locations(string include, string? exclude = null)
    {
        var o = Seed();
        o.NamedLocations =
        [
            new() { ODataType = "#microsoft.graph.ipNamedLocation", Id = "office", DisplayName = "Office", IsTrusted = true, IpRanges = [new() { CidrAddress = "203.0.113.0/24" }, new() { CidrAddress = "2001:db8::/32" }] },
            new() { ODataType = "#microsoft.graph.countryNamedLocation", Id = "blocked-countries", CountriesAndRegions = ["KP", "IR"], IncludeUnknownCountriesAndRegions = true },
        ];
        o.ConditionalAccessPolicies.Add(Policy("loc", "c1", controls: ["block"], conditions: c =>
            c.Locations = new() { IncludeLocations = [include], ExcludeLocations = exclude is null ? null : [exclude] }));
        return o;
    }

    private static SignInContext From(string? ip = null, string? country = null, DeviceProperties? device = null) => new()
    {
        UserId = Alice, GroupIds = [], RoleIds = [], UserType = UserType.Member, AuthenticationMethods = AuthenticationMethodModes.Fido2,
        AuthenticationTime = Now, IpAddress = ip is null ? null : IPAddress.Parse(ip), Country = country, Device = device,
    };

    [Test]
    public void Compliant_paw_is_allowed() =>
        Evaluate(PawOnly(), From(device: new() { IsCompliant = true, ExtensionAttribute1 = "paw" })).IsAllowed.Should().BeTrue();

    [Test]
    public void Non_compliant_device_is_denied_by_the_paw_policy()
    {
        var d = Evaluate(PawOnly(), From(device: new() { IsCompliant = false, ExtensionAttribute1 = "PAW" }));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Policies.Single(p => p.Id == "paw").FailedControls.Should().Equal("block");
    }

    [Test]
    public void Unknown_device_is_denied_by_the_paw_policy() =>
        Evaluate(PawOnly(), From()).Outcome.Should().Be(ProtectedActionOutcome.Denied);

    [Test]
    public void Include_mode_applies_only_to_matching_devices()
    {
        var o = Seed();
        o.ConditionalAccessPolicies.Add(Policy("personal", "c1", controls: ["block"], conditions: c =>
            c.Devices = new() { DeviceFilter = new() { Mode = "include", Rule = "device.deviceOwnership -eq \"Personal\"" } }));
        Evaluate(o, From(device: new() { DeviceOwnership = "personal" })).Outcome.Should().Be(ProtectedActionOutcome.Denied);
        var d = Evaluate(o, From(device: new() { DeviceOwnership = "Company" }));
        d.IsAllowed.Should().BeTrue();
        d.Policies.Single(p => p.Id == "personal").Reason.Should().Be(PolicyReason.Devices);
    }

    [Test]
    public void Device_provider_failure_makes_the_device_filter_fail_closed()
    {
        var d = ProtectedActionEvaluator.Create(PawOnly(), Clock(), new ThrowingDevices())
            .EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, From(device: new() { IsCompliant = true, ExtensionAttribute1 = "PAW" }))).AsTask().Result;
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Policies.Single(p => p.Id == "paw").Reason.Should().Be(PolicyReason.NotEnoughInformation);
    }

    [Test]
    public void Invalid_device_rule_fails_validation_with_the_rule_path()
    {
        var o = Seed();
        o.ConditionalAccessPolicies.Add(Policy("bad", "c1", controls: ["block"], conditions: c =>
            c.Devices = new() { DeviceFilter = new() { Mode = "include", Rule = "device.isCompliant -contains True" } }));
        ProtectedActionsConfiguration.Validate(o).Errors.Should().ContainSingle()
            .Which.Path.Should().Be("ProtectedActions:ConditionalAccessPolicies[1]:conditions:devices:deviceFilter:rule");
    }

    [TestCase("203.0.113.77", ProtectedActionOutcome.Denied)]
    [TestCase("198.51.100.1", ProtectedActionOutcome.Allowed)]
    [TestCase("::ffff:203.0.113.77", ProtectedActionOutcome.Denied)]
    [TestCase("2001:db8::1", ProtectedActionOutcome.Denied)]
    public void Ip_location_inclusion(string ip, ProtectedActionOutcome expected) =>
        Evaluate(Locations("office"), From(ip)).Outcome.Should().Be(expected);

    [Test]
    public void All_trusted_includes_trusted_ip_locations() =>
        Evaluate(Locations("AllTrusted"), From("203.0.113.1")).Outcome.Should().Be(ProtectedActionOutcome.Denied);

    [Test]
    public void Excluded_trusted_location_is_allowed_while_others_are_blocked()
    {
        var o = Locations("All", "AllTrusted");
        Evaluate(o, From("203.0.113.1")).IsAllowed.Should().BeTrue();
        Evaluate(o, From("198.51.100.1")).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public void Missing_address_with_an_ip_location_fails_closed()
    {
        var d = Evaluate(Locations("All", "office"), From());
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Policies.Single(p => p.Id == "loc").MissingInformation.Should().HaveFlag(MissingInformation.IpAddress);
    }

    [TestCase("KP", ProtectedActionOutcome.Denied)]
    [TestCase("kp", ProtectedActionOutcome.Denied)]
    [TestCase("NZ", ProtectedActionOutcome.Allowed)]
    public void Country_carried_by_the_sign_in(string country, ProtectedActionOutcome expected) =>
        Evaluate(Locations("blocked-countries"), From("198.51.100.1", country)).Outcome.Should().Be(expected);

    [Test]
    public void No_country_and_no_resolver_fails_closed()
    {
        var d = Evaluate(Locations("blocked-countries"), From("198.51.100.1"));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Policies.Single(p => p.Id == "loc").Reason.Should().Be(PolicyReason.NotEnoughInformation);
    }

    [TestCase("NZ", ProtectedActionOutcome.Allowed)]
    [TestCase("IR", ProtectedActionOutcome.Denied)]
    [TestCase(null, ProtectedActionOutcome.Denied)] // unknown country: includeUnknownCountriesAndRegions is on
    public void Country_resolver_is_consulted(string? resolved, ProtectedActionOutcome expected) =>
        Evaluate(Locations("blocked-countries"), From("198.51.100.1"), country: new FixedCountry(resolved)).Outcome.Should().Be(expected);

    [Test]
    public void Country_resolver_failure_fails_closed_with_a_reason()
    {
        var d = Evaluate(Locations("blocked-countries"), From("198.51.100.1"), country: new FixedCountry(null, fail: true));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Reasons.Should().ContainMatch("country resolver failed*");
    }

    [Test]
    public async Task Country_resolver_that_hangs_times_out_and_fails_closed()
    {
        var clock = Clock();
        var evaluator = ProtectedActionEvaluator.Create(Locations("blocked-countries"), clock, countryResolver: new HangingCountry());
        var pending = evaluator.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, From("198.51.100.1"))).AsTask();
        pending.IsCompleted.Should().BeFalse();
        clock.Advance(TimeSpan.FromSeconds(4));
        var d = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Reasons.Should().ContainMatch("country resolver timed out*");
    }

    [Test]
    public void Country_resolver_returning_garbage_is_treated_as_unknown_information()
    {
        var d = Evaluate(Locations("blocked-countries"), From("198.51.100.1"), country: new FixedCountry("not-a-country"));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Reasons.Should().ContainMatch("*ISO 3166*");
    }

    [Test]
    public void Malformed_cidr_fails_validation_with_its_path()
    {
        var o = Locations("office");
        o.NamedLocations[0].IpRanges![1].CidrAddress = "10.0.0.0/4";
        ProtectedActionsConfiguration.Validate(o).Errors.Should().Contain(e => e.Path == "ProtectedActions:NamedLocations[0]:ipRanges[1]:cidrAddress");
    }

    private sealed class HangingCountry : ICountryResolver
    {
        public ValueTask<string?> ResolveCountryAsync(IPAddress address, CancellationToken cancellationToken) => new(new TaskCompletionSource<string?>().Task);
    }

    private sealed class ThrowingDevices : IDeviceInformationProvider
    {
        public ValueTask<DeviceProperties?> GetDeviceAsync(SignInContext signIn, CancellationToken cancellationToken) => throw new IOException("mdm");
    }

    private sealed class FixedCountry(string? country, bool fail = false) : ICountryResolver
    {
        public ValueTask<string?> ResolveCountryAsync(IPAddress address, CancellationToken cancellationToken) =>
            fail ? throw new IOException("geo") : new(country);
    }
}

/// <summary>Graph-export values that real tenants use: the legacy MFA trusted IPs location and risk remediation.</summary>
public class GraphExportValueTests
{
    private const string TrustedIps = "00000000-0000-0000-0000-000000000000";

    private static SignInContext From(string ip) => new()
    {
        UserId = Fixtures.Alice, GroupIds = [], RoleIds = [], AuthenticationMethods = AuthenticationMethodModes.Fido2,
        AuthenticationTime = Fixtures.Now, IpAddress = System.Net.IPAddress.Parse(ip),
    };

    [Test]
    public void Excluding_mfa_trusted_ips_is_accepted_with_a_warning_and_fails_closed()
    {
        var o = Fixtures.Seed();
        o.ConditionalAccessPolicies.Add(Fixtures.Policy("loc", "c1", controls: ["block"], conditions: c =>
            c.Locations = new() { IncludeLocations = ["All"], ExcludeLocations = [TrustedIps] }));
        var result = ProtectedActionsConfiguration.Validate(o);
        result.IsValid.Should().BeTrue();
        result.Warnings.Should().Contain(w => w.Code == "PA5009" && w.Path.EndsWith(":excludeLocations[0]", StringComparison.Ordinal));
        var d = Fixtures.Evaluate(o, From("203.0.113.5"));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Policies.Single(p => p.Id == "loc").Reason.Should().Be(PolicyReason.NotEnoughInformation);
    }

    [Test]
    public void A_configured_location_with_the_trusted_ips_id_is_used_as_configured()
    {
        var o = Fixtures.Seed();
        o.NamedLocations = [new() { Id = TrustedIps, IsTrusted = true, IpRanges = [new() { CidrAddress = "203.0.113.0/24" }] }];
        o.ConditionalAccessPolicies.Add(Fixtures.Policy("loc", "c1", controls: ["block"], conditions: c =>
            c.Locations = new() { IncludeLocations = ["All"], ExcludeLocations = [TrustedIps] }));
        Fixtures.Evaluate(o, From("203.0.113.5")).IsAllowed.Should().BeTrue();
        Fixtures.Evaluate(o, From("198.51.100.5")).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    [Test]
    public void Risk_remediation_is_a_known_control_a_resource_server_cannot_verify()
    {
        var o = Fixtures.Seed();
        o.ConditionalAccessPolicies = [Fixtures.Policy("risk", "c1", controls: ["riskRemediation"])];
        ProtectedActionsConfiguration.Validate(o).IsValid.Should().BeTrue();
        var d = Fixtures.Evaluate(o, From("203.0.113.5"));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Policies[0].FailedControls.Should().Equal("riskRemediation");
    }
}
