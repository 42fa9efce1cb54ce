using ProtectedActions.Tests.DeviceFilter;
using ProtectedActions.Tests.SignIns;
using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Evaluation;

/// <summary>
/// Item 7 of "fail closed, fail right": a device known only by its id (or not at all) is unknown, never a known
/// unregistered device, unless a provider or the host says otherwise.
/// </summary>
public class UnknownDeviceTests
{
    private const string MyDevice = "5a0b2c3d-0000-4000-8000-00000000d001";
    private const string WorkplaceRule = "device.trustType -eq \"Workplace\"";
    private const string PawRule = "device.extensionAttribute1 -eq \"PAW\" -and device.isCompliant -eq True";

    private static ProtectedActionsOptions BlockWhen(string mode, string rule, bool neverRegistered = false)
    {
        var options = Fixtures.Seed();
        options.ConditionalAccessPolicies.Add(Fixtures.Policy("device", "c1", controls: ["block"], conditions: c =>
            c.Devices = new() { DeviceFilter = new() { Mode = mode, Rule = rule } }));
        options.Settings.DevicesNeverRegistered = neverRegistered;
        return options;
    }

    private static ProtectedActionDecision Decide(ProtectedActionsOptions options, DeviceProperties? device, IDeviceInformationProvider? provider = null) =>
        Fixtures.Evaluate(options, TestSignIns.Fido2(device), device: provider);

    private static PolicyResult DevicePolicy(ProtectedActionDecision d) => d.Policies.Single(p => p.Id == "device");

    // ---- the attacker: a registered personal device that a block filter is meant to catch ----

    [Test]
    public void An_id_only_device_does_not_pass_an_include_mode_block_filter()
    {
        var d = Decide(BlockWhen("include", WorkplaceRule), DeviceProperties.FromDeviceId(MyDevice));

        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
        DevicePolicy(d).Should().BeEquivalentTo(new { Applies = true, Reason = PolicyReason.NotEnoughInformation, MissingInformation = MissingInformation.Device });
    }

    [Test]
    public void No_device_claim_does_not_pass_an_include_mode_block_filter()
    {
        var d = Decide(BlockWhen("include", WorkplaceRule), null);

        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
        DevicePolicy(d).Reason.Should().Be(PolicyReason.NotEnoughInformation);
    }

    [Test]
    public async Task A_real_token_with_only_a_deviceid_claim_is_not_allowed_past_an_include_mode_block()
    {
        var token = TestTokens.Mint(new Dictionary<string, object?>
        {
            ["oid"] = Fixtures.Alice, ["tid"] = TestTokens.TenantId, ["amr"] = new[] { "fido", "mfa" }, ["deviceid"] = MyDevice,
            ["auth_time"] = Fixtures.Now.AddMinutes(-5).ToUnixTimeSeconds(),
        });
        var signIn = SignInMapper.FromJsonWebToken(TestTokens.ValidateJsonWebToken(token));
        var evaluator = ProtectedActionEvaluator.Create(BlockWhen("include", WorkplaceRule), Fixtures.Clock());

        var d = await evaluator.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, signIn));

        signIn.Device!.IsComplete.Should().BeFalse();
        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public async Task A_real_token_without_device_claims_is_not_allowed_past_an_include_mode_block()
    {
        var token = TestTokens.Mint(new Dictionary<string, object?>
        {
            ["oid"] = Fixtures.Alice, ["tid"] = TestTokens.TenantId, ["amr"] = new[] { "fido", "mfa" },
            ["auth_time"] = Fixtures.Now.AddMinutes(-5).ToUnixTimeSeconds(),
        });
        var signIn = SignInMapper.FromJsonWebToken(TestTokens.ValidateJsonWebToken(token));
        var evaluator = ProtectedActionEvaluator.Create(BlockWhen("include", WorkplaceRule), Fixtures.Clock());

        var d = await evaluator.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, signIn));

        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public void An_id_only_device_is_not_excluded_by_an_exclude_mode_filter_on_other_properties()
    {
        var d = Decide(BlockWhen("exclude", PawRule), DeviceProperties.FromDeviceId(MyDevice));

        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
        DevicePolicy(d).Applies.Should().BeTrue();
    }

    [Test]
    public void The_compliant_device_control_is_not_satisfied_by_an_id_only_device()
    {
        var options = Fixtures.Seed();
        options.ConditionalAccessPolicies.Add(Fixtures.Policy("device", "c1", controls: ["compliantDevice"]));

        var d = Decide(options, DeviceProperties.FromDeviceId(MyDevice));

        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
        DevicePolicy(d).Satisfied.Should().BeFalse();
    }

    // ---- what is known still decides ----

    [Test]
    public void A_filter_on_the_device_id_alone_is_decided_for_a_device_known_by_its_id()
    {
        var options = BlockWhen("include", $"device.deviceId -eq \"{MyDevice}\"");

        var mine = Decide(options, DeviceProperties.FromDeviceId(MyDevice));
        var other = Decide(options, DeviceProperties.FromDeviceId("5a0b2c3d-0000-4000-8000-00000000d002"));

        mine.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        DevicePolicy(mine).Reason.Should().Be(PolicyReason.NotSet, "the id is known, so the block applies on known facts");
        other.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        DevicePolicy(other).Reason.Should().Be(PolicyReason.Devices);
    }

    [Test]
    public void False_and_unknown_is_a_known_miss()
    {
        var d = Decide(BlockWhen("include", $"device.deviceId -eq \"someone-else\" -and {WorkplaceRule}"), DeviceProperties.FromDeviceId(MyDevice));

        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        DevicePolicy(d).Reason.Should().Be(PolicyReason.Devices);
    }

    [Test]
    public void True_or_unknown_is_a_known_match()
    {
        var d = Decide(BlockWhen("include", $"device.deviceId -eq \"{MyDevice}\" -or {WorkplaceRule}"), DeviceProperties.FromDeviceId(MyDevice));

        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        DevicePolicy(d).Reason.Should().Be(PolicyReason.NotSet);
    }

    [Test]
    public void True_or_unknown_in_exclude_mode_is_a_known_exclusion()
    {
        var d = Decide(BlockWhen("exclude", $"device.deviceId -in [\"{MyDevice}\"] -or {PawRule}"), DeviceProperties.FromDeviceId(MyDevice));

        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        DevicePolicy(d).Reason.Should().Be(PolicyReason.Devices);
    }

    [Test]
    public void Exclude_mode_with_an_unknown_result_applies_the_policy()
    {
        var d = Decide(BlockWhen("exclude", "device.trustType -ne \"Workplace\""), DeviceProperties.FromDeviceId(MyDevice));

        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
        DevicePolicy(d).Should().BeEquivalentTo(new { Applies = true, Reason = PolicyReason.NotEnoughInformation });
    }

    [Test]
    public void A_complete_device_from_the_host_is_decided_as_before()
    {
        var options = BlockWhen("include", WorkplaceRule);

        Decide(options, TestDevices.Phone).Outcome.Should().Be(ProtectedActionOutcome.Denied);
        Decide(options, TestDevices.Paw).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        DevicePolicy(Decide(options, TestDevices.Paw)).Reason.Should().Be(PolicyReason.Devices);
    }

    // ---- the host says "unregistered" ----

    [Test]
    public void Devices_never_registered_makes_a_sign_in_without_device_a_known_unregistered_device()
    {
        var d = Decide(BlockWhen("include", WorkplaceRule, neverRegistered: true), null);

        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed, "an unregistered device has no trustType, so the include filter is a known miss");
        DevicePolicy(d).Reason.Should().Be(PolicyReason.Devices);
    }

    [Test]
    public void Host_declared_unregistered_device_with_an_exclude_mode_filter_behaves_as_documented()
    {
        // Positive rule: an unregistered device does not match, is not excluded, and the block applies on known facts.
        var positive = Decide(BlockWhen("exclude", PawRule, neverRegistered: true), null);
        positive.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        DevicePolicy(positive).Reason.Should().Be(PolicyReason.NotSet);

        // Negative rule: every negative operator matches an unregistered device, so it is excluded.
        var negative = Decide(BlockWhen("exclude", "device.trustType -ne \"AzureAD\" -and device.isCompliant -ne True", neverRegistered: true), null);
        negative.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        DevicePolicy(negative).Reason.Should().Be(PolicyReason.Devices);
    }

    [Test]
    public void DeviceProperties_Unregistered_set_by_the_host_behaves_like_the_setting()
    {
        var d = Decide(BlockWhen("include", WorkplaceRule), DeviceProperties.Unregistered);

        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        DevicePolicy(d).Reason.Should().Be(PolicyReason.Devices);
    }

    [Test]
    public void Devices_never_registered_does_not_override_a_device_id_from_the_token()
    {
        var d = Decide(BlockWhen("include", WorkplaceRule, neverRegistered: true), DeviceProperties.FromDeviceId(MyDevice));

        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
        DevicePolicy(d).Reason.Should().Be(PolicyReason.NotEnoughInformation);
    }

    [Test]
    public void An_unregistered_device_reads_every_property_as_absent_in_filters()
    {
        DeviceFilterRule.Parse("device.isCompliant -eq False").Evaluate(DeviceProperties.Unregistered).Should().BeFalse();
        DeviceFilterRule.Parse("device.isCompliant -ne True").Evaluate(DeviceProperties.Unregistered).Should().BeTrue();
        DeviceFilterRule.Parse("device.deviceId -notIn [\"x\"]").Evaluate(DeviceProperties.Unregistered).Should().BeTrue();
        DeviceProperties.Unregistered.IsCompliant.Should().BeFalse("the compliantDevice control reads it as known not compliant");
    }

    [Test]
    public void An_unregistered_device_fails_the_compliant_device_control()
    {
        var options = Fixtures.Seed();
        options.ConditionalAccessPolicies.Add(Fixtures.Policy("device", "c1", controls: ["compliantDevice"]));

        var d = Decide(options, DeviceProperties.Unregistered);

        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        DevicePolicy(d).Satisfied.Should().BeFalse();
    }

    // ---- providers ----

    [Test]
    public void A_provider_that_answers_null_does_not_make_an_id_only_device_known()
    {
        var d = Decide(BlockWhen("include", WorkplaceRule), DeviceProperties.FromDeviceId(MyDevice), new Provider(null));

        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
        DevicePolicy(d).Reason.Should().Be(PolicyReason.NotEnoughInformation);
    }

    [Test]
    public void A_provider_that_answers_null_leaves_a_sign_in_without_device_unknown()
    {
        Decide(BlockWhen("include", WorkplaceRule), null, new Provider(null)).Outcome.Should().NotBe(ProtectedActionOutcome.Allowed);
        Decide(BlockWhen("include", WorkplaceRule, neverRegistered: true), null, new Provider(null)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public void A_provider_can_say_unregistered()
    {
        var d = Decide(BlockWhen("include", WorkplaceRule), DeviceProperties.FromDeviceId(MyDevice), new Provider(DeviceProperties.Unregistered));

        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        DevicePolicy(d).Reason.Should().Be(PolicyReason.Devices);
    }

    [Test]
    public void A_provider_that_supplies_the_properties_makes_the_device_known()
    {
        var options = BlockWhen("include", WorkplaceRule);

        Decide(options, DeviceProperties.FromDeviceId(MyDevice), new Provider(TestDevices.Phone)).Outcome.Should().Be(ProtectedActionOutcome.Denied);
        Decide(options, DeviceProperties.FromDeviceId(MyDevice), new Provider(TestDevices.Paw)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    [Test]
    public void A_provider_that_knows_only_some_properties_can_say_so()
    {
        var partial = new DeviceProperties { DeviceId = MyDevice, ExtensionAttribute1 = "PAW" }.AsPartial();
        var options = BlockWhen("exclude", PawRule);

        var d = Decide(options, null, new Provider(partial));

        d.Outcome.Should().NotBe(ProtectedActionOutcome.Allowed, "isCompliant is unknown, so the PAW exclusion cannot be proven");
        DevicePolicy(d).Reason.Should().Be(PolicyReason.NotEnoughInformation);
    }

    // ---- the model ----

    [Test]
    public void The_device_kinds_say_what_is_known()
    {
        new DeviceProperties { TrustType = "AzureAD" }.Should().BeEquivalentTo(new { IsComplete = true, IsRegistered = true });
        DeviceProperties.FromDeviceId(MyDevice).Should().BeEquivalentTo(new { IsComplete = false, IsRegistered = true, DeviceId = MyDevice, IsCompliant = (bool?)null });
        DeviceProperties.Unknown.Should().BeEquivalentTo(new { IsComplete = false, IsRegistered = true });
        DeviceProperties.Unregistered.Should().BeEquivalentTo(new { IsComplete = true, IsRegistered = false, IsCompliant = (bool?)false });
        var original = new DeviceProperties { Model = "m" };
        var partial = original.AsPartial();
        partial.Should().BeEquivalentTo(new { IsComplete = false, Model = "m" });
        original.IsComplete.Should().BeTrue("AsPartial copies");
        FluentActions.Invoking(() => DeviceProperties.FromDeviceId(null!)).Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void Matches_stays_two_valued_and_Evaluate_says_unknown()
    {
        var rule = DeviceFilterRule.Parse("device.trustType -ne \"Workplace\"");
        var idOnly = DeviceProperties.FromDeviceId(MyDevice);

        rule.Matches(idOnly).Should().BeTrue("Matches reads unseen properties as absent");
        rule.Evaluate(idOnly).Should().BeNull();
        rule.Evaluate(null).Should().BeNull();
        rule.Evaluate(DeviceProperties.Unknown).Should().BeNull();
        rule.Evaluate(TestDevices.Phone).Should().BeFalse();
        rule.Evaluate(new DeviceProperties()).Should().BeTrue("a complete device without trustType does not have it");
    }

    private sealed class Provider(DeviceProperties? device) : IDeviceInformationProvider
    {
        public ValueTask<DeviceProperties?> GetDeviceAsync(SignInContext signIn, CancellationToken cancellationToken) => new(device);
    }
}
