using System.Net;
using ProtectedActions.Tests.DeviceFilter;
using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// The evaluator's provider paths (device information provider, country resolver): what an answer, no answer, a
/// failure, a timeout and a bad value do to the decision, with the exact note a host reads.
/// </summary>
public class EvaluatorProviderMutationTests
{
    private const string Permission = KnownPermissions.ConditionalAccessPoliciesCreate;

    private static ProtectedActionsOptions CompliantDeviceRequired(Action<ProtectedActionsSettings>? settings = null)
    {
        var options = Fixtures.Seed();
        options.ConditionalAccessPolicies = [Fixtures.Policy("device", "c1", controls: ["compliantDevice"])];
        settings?.Invoke(options.Settings);
        return options;
    }

    private static ProtectedActionsOptions BlockedCountry(ProtectedActionsOptions options)
    {
        options.NamedLocations.Add(new NamedLocation
        {
            ODataType = "#microsoft.graph.countryNamedLocation",
            Id = "blocked-countries",
            CountriesAndRegions = ["AQ"],
            IncludeUnknownCountriesAndRegions = false,
        });
        options.ConditionalAccessPolicies.Add(Fixtures.Policy("countries", "c1", controls: ["block"], conditions: c =>
            c.Locations = new() { IncludeLocations = ["blocked-countries"] }));
        return options;
    }

    private static SignInContext From(string address, DeviceProperties? device = null, string? country = null) =>
        TestSignIns.Fido2(device, IPAddress.Parse(address), country);

    private static async Task<ProtectedActionDecision> EvaluateAsync(ProtectedActionsOptions options, SignInContext signIn,
        IDeviceInformationProvider? device = null, ICountryResolver? country = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var evaluator = ProtectedActionEvaluator.Create(options, time ?? Fixtures.Clock(), device, country);
        return await evaluator.EvaluateAsync(new ProtectedActionRequest(Permission, signIn), cancellationToken);
    }

    // ---- device information provider ----

    [Test]
    public async Task Locked_out_user_whose_token_carries_the_device_keeps_it_when_the_provider_has_no_answer()
    {
        var provider = new Device(_ => Task.FromResult<DeviceProperties?>(null));

        var d = await EvaluateAsync(CompliantDeviceRequired(), From("203.0.113.5", new DeviceProperties { IsCompliant = true }), provider);

        provider.Calls.Should().Be(1);
        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.Reasons.Should().BeEmpty();
    }

    [Test]
    public async Task The_provider_answer_replaces_what_the_token_says_about_the_device()
    {
        var provider = new Device(_ => Task.FromResult<DeviceProperties?>(new DeviceProperties { IsCompliant = false }));

        var d = await EvaluateAsync(CompliantDeviceRequired(), From("203.0.113.5", new DeviceProperties { IsCompliant = true }), provider);

        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Policies.Single().FailedControls.Should().Equal("compliantDevice");
        d.Causes.Should().HaveFlag(DecisionCauses.ControlNotRemediable);
    }

    [Test]
    public async Task No_answer_and_no_token_device_reads_as_unregistered_when_the_host_says_devices_are_never_registered()
    {
        var provider = new Device(_ => Task.FromResult<DeviceProperties?>(null));

        var d = await EvaluateAsync(CompliantDeviceRequired(s => s.DevicesNeverRegistered = true), From("203.0.113.5"), provider);

        // An unregistered device is known not to be compliant: denied on known facts, not a step-up.
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Causes.Should().HaveFlag(DecisionCauses.ControlNotRemediable);
        d.Policies.Single().Reason.Should().Be(PolicyReason.NotSet);
    }

    [Test]
    public async Task No_answer_and_no_token_device_is_unknown_when_devices_may_be_registered()
    {
        var provider = new Device(_ => Task.FromResult<DeviceProperties?>(null));

        var d = await EvaluateAsync(CompliantDeviceRequired(), From("203.0.113.5"), provider);

        d.IsAllowed.Should().BeFalse();
        d.Causes.Should().NotHaveFlag(DecisionCauses.ControlNotRemediable);
    }

    [Test]
    public async Task Attacker_cannot_pass_a_compliance_check_when_the_provider_fails_even_if_devices_are_never_registered()
    {
        var provider = new Device(_ => throw new InvalidOperationException("mdm down"));

        var d = await EvaluateAsync(CompliantDeviceRequired(s => { s.DevicesNeverRegistered = true; s.TrustAcrsClaim = false; }),
            From("203.0.113.5", new DeviceProperties { IsCompliant = true }), provider);

        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Reasons.Should().Equal("device information provider failed (InvalidOperationException); policies that need device information fail closed");
        d.Notes.Single().Code.Should().Be(DecisionNoteCodes.DeviceProviderFailed);
    }

    [Test]
    public async Task A_hanging_provider_times_out_after_the_configured_provider_timeout()
    {
        var clock = Fixtures.Clock();
        var provider = new Device(_ => new TaskCompletionSource<DeviceProperties?>().Task);
        var options = CompliantDeviceRequired(s => s.ProviderTimeout = TimeSpan.FromSeconds(1));

        var pending = EvaluateAsync(options, From("203.0.113.5", new DeviceProperties { IsCompliant = true }), provider, time: clock);
        pending.IsCompleted.Should().BeFalse();
        clock.Advance(TimeSpan.FromMilliseconds(999));
        pending.IsCompleted.Should().BeFalse();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var d = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        d.IsAllowed.Should().BeFalse();
        d.Reasons.Should().Equal("device information provider timed out; policies that need device information fail closed");
        d.Notes.Single().Code.Should().Be(DecisionNoteCodes.DeviceProviderFailed);
    }

    [Test]
    public async Task A_provider_that_cancels_on_its_own_is_a_provider_failure_with_its_own_text()
    {
        var provider = new Device(_ => Task.FromCanceled<DeviceProperties?>(new CancellationToken(canceled: true)));

        var d = await EvaluateAsync(CompliantDeviceRequired(), From("203.0.113.5", new DeviceProperties { IsCompliant = true }), provider);

        d.IsAllowed.Should().BeFalse();
        d.Reasons.Should().Equal("device information provider was cancelled; policies that need device information fail closed");
    }

    [Test]
    public async Task The_callers_cancellation_is_not_swallowed_as_a_provider_failure()
    {
        using var cts = new CancellationTokenSource();
        var provider = new Device(ct =>
        {
            cts.Cancel();
            ct.ThrowIfCancellationRequested();
            return Task.FromResult<DeviceProperties?>(new DeviceProperties { IsCompliant = true });
        });

        var act = () => EvaluateAsync(CompliantDeviceRequired(), From("203.0.113.5"), provider, cancellationToken: cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    // ---- country resolver ----

    [Test]
    public async Task Attacker_cannot_leave_a_blocked_country_by_making_the_resolver_fail()
    {
        var resolver = new Country(_ => throw new InvalidOperationException("geo down"));

        var d = await EvaluateAsync(BlockedCountry(Fixtures.Seed()), From("198.51.100.7"), country: resolver);

        d.IsAllowed.Should().BeFalse();
        var policy = d.Policies.Single(p => p.Id == "countries");
        policy.Reason.Should().Be(PolicyReason.NotEnoughInformation);
        policy.MissingInformation.Should().Be(MissingInformation.Country);
        d.Reasons.Should().Equal("country resolver failed (InvalidOperationException); country locations are treated as unknown (fail closed)");
        d.Notes.Single().Code.Should().Be(DecisionNoteCodes.CountryResolverFailed);
    }

    [Test]
    public async Task Attacker_cannot_leave_a_blocked_country_by_making_the_resolver_hang()
    {
        var clock = Fixtures.Clock();
        var resolver = new Country(_ => new TaskCompletionSource<string?>().Task);

        var pending = EvaluateAsync(BlockedCountry(Fixtures.Seed()), From("198.51.100.7"), country: resolver, time: clock);
        clock.Advance(TimeSpan.FromSeconds(3));
        var d = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        d.IsAllowed.Should().BeFalse();
        d.Policies.Single(p => p.Id == "countries").Reason.Should().Be(PolicyReason.NotEnoughInformation);
        d.Reasons.Should().Equal("country resolver timed out; country locations are treated as unknown (fail closed)");
    }

    [TestCase("XYZ")]
    [TestCase("A1")]
    [TestCase("1Q")]
    [TestCase("")]
    public async Task Attacker_cannot_leave_a_blocked_country_with_a_resolver_answer_that_is_not_a_country_code(string answer)
    {
        var d = await EvaluateAsync(BlockedCountry(Fixtures.Seed()), From("198.51.100.7"), country: new Country(_ => Task.FromResult<string?>(answer)));

        d.IsAllowed.Should().BeFalse();
        d.Policies.Single(p => p.Id == "countries").Reason.Should().Be(PolicyReason.NotEnoughInformation);
        d.Reasons.Should().Equal("country resolver returned a value that is not an ISO 3166 alpha-2 code; treated as unknown information");
        d.Notes.Single().Code.Should().Be(DecisionNoteCodes.CountryResolverInvalid);
    }

    [Test]
    public async Task Locked_out_user_whose_country_the_resolver_cannot_place_is_not_blocked_by_a_country_list()
    {
        // A lookup that happened and found nothing is an unknown country, which the location leaves out.
        var d = await EvaluateAsync(BlockedCountry(Fixtures.Seed()), From("198.51.100.7"), country: new Country(_ => Task.FromResult<string?>(null)));

        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.Policies.Single(p => p.Id == "countries").Reason.Should().Be(PolicyReason.Location);
        d.Reasons.Should().BeEmpty();
    }

    [Test]
    public async Task A_resolved_blocked_country_is_blocked_on_known_facts()
    {
        var d = await EvaluateAsync(BlockedCountry(Fixtures.Seed()), From("198.51.100.7"), country: new Country(_ => Task.FromResult<string?>("aq")));

        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Policies.Single(p => p.Id == "countries").Reason.Should().Be(PolicyReason.NotSet);
    }

    [Test]
    public async Task Attacker_without_a_country_is_not_placed_outside_a_blocked_country_when_only_the_device_provider_runs()
    {
        // The device provider runs (a device policy needs it); no resolver is registered, the sign-in carries no
        // country: the country is unknown, not "looked up and not found".
        var options = BlockedCountry(CompliantDeviceRequired());
        var provider = new Device(_ => Task.FromResult<DeviceProperties?>(new DeviceProperties { IsCompliant = true }));

        var d = await EvaluateAsync(options, From("198.51.100.7"), provider);

        provider.Calls.Should().Be(1);
        d.IsAllowed.Should().BeFalse();
        d.Policies.Single(p => p.Id == "countries").Reason.Should().Be(PolicyReason.NotEnoughInformation);
        d.Policies.Single(p => p.Id == "device").Satisfied.Should().BeTrue();
    }

    [Test]
    public async Task A_country_the_sign_in_carries_is_used_when_only_the_device_provider_runs()
    {
        var options = BlockedCountry(CompliantDeviceRequired());
        var provider = new Device(_ => Task.FromResult<DeviceProperties?>(new DeviceProperties { IsCompliant = true }));

        (await EvaluateAsync(options, From("198.51.100.7", country: "DE"), provider)).Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        (await EvaluateAsync(options, From("198.51.100.7", country: "AQ"), provider)).Outcome.Should().Be(ProtectedActionOutcome.Denied);
    }

    private sealed class Device(Func<CancellationToken, Task<DeviceProperties?>> get) : IDeviceInformationProvider
    {
        public int Calls { get; private set; }

        public ValueTask<DeviceProperties?> GetDeviceAsync(SignInContext signIn, CancellationToken cancellationToken)
        {
            Calls++;
            return new(get(cancellationToken));
        }
    }

    private sealed class Country(Func<CancellationToken, Task<string?>> resolve) : ICountryResolver
    {
        public ValueTask<string?> ResolveCountryAsync(IPAddress address, CancellationToken cancellationToken) => new(resolve(cancellationToken));
    }
}
