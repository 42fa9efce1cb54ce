using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ProtectedActions.Tests.DeviceFilter;
using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// The evaluator around its providers: a provider's answer against the host's "devices are never registered",
/// which provider-path decisions are shared and which carry their own notes, the request guard, and the traces an
/// evaluation leaves (activity names, tags, and the providers activity only under an evaluation activity).
/// </summary>
public class EvaluatorProviderPathTests
{
    private const string Permission = KnownPermissions.ConditionalAccessPoliciesCreate;

    private static ProtectedActionsOptions DeviceRequired(string[] controls, bool neverRegistered = false)
    {
        var options = Fixtures.Seed();
        options.ConditionalAccessPolicies = [Fixtures.Policy("device", "c1", controls: controls)];
        options.Settings.DevicesNeverRegistered = neverRegistered;
        return options;
    }

    private static SignInContext From(DeviceProperties? device = null) => TestSignIns.Fido2(device, IPAddress.Parse("203.0.113.5"));

    private static async Task<ProtectedActionDecision> EvaluateAsync(IProtectedActionEvaluator evaluator, SignInContext signIn, string permission = Permission) =>
        await evaluator.EvaluateAsync(new ProtectedActionRequest(permission, signIn));

    // ---- the provider's answer and "devices are never registered" ----

    [Test]
    public async Task Locked_out_user_whose_provider_vouches_for_a_compliant_device_is_allowed_even_if_devices_are_said_never_to_be_registered()
    {
        var provider = new Device(() => Task.FromResult<DeviceProperties?>(new DeviceProperties { IsCompliant = true }));
        var evaluator = ProtectedActionEvaluator.Create(DeviceRequired(["compliantDevice"], neverRegistered: true), Fixtures.Clock(), provider);

        var d = await EvaluateAsync(evaluator, From());

        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
        d.Policies.Single().Satisfied.Should().BeTrue();
    }

    [Test]
    public async Task Without_a_provider_the_device_a_sign_in_carries_counts_even_if_devices_are_said_never_to_be_registered()
    {
        var evaluator = ProtectedActionEvaluator.Create(DeviceRequired(["compliantDevice"], neverRegistered: true), Fixtures.Clock());

        var d = await EvaluateAsync(evaluator, From(new DeviceProperties { IsCompliant = true }));

        d.Outcome.Should().Be(ProtectedActionOutcome.Allowed);
    }

    // ---- shared decisions and their notes ----

    [Test]
    public async Task Equal_provider_path_evaluations_without_notes_share_one_decision()
    {
        var provider = new Device(() => Task.FromResult<DeviceProperties?>(new DeviceProperties { IsCompliant = true }));
        var evaluator = ProtectedActionEvaluator.Create(DeviceRequired(["compliantDevice"]), Fixtures.Clock(), provider);

        var first = await EvaluateAsync(evaluator, From());
        var second = await EvaluateAsync(evaluator, From());

        provider.Calls.Should().Be(2);
        first.IsAllowed.Should().BeTrue();
        second.Should().BeSameAs(first);
    }

    [Test]
    public async Task A_provider_failure_note_is_not_lost_to_a_decision_shared_by_earlier_evaluations()
    {
        // compliantDevice OR mfa: the FIDO2 sign-in satisfies the policy whatever the provider says, so both
        // evaluations come to the same policy results; only the second carries the provider's failure.
        var answers = new Queue<Func<Task<DeviceProperties?>>>(
        [
            () => Task.FromResult<DeviceProperties?>(new DeviceProperties { IsCompliant = true }),
            () => throw new InvalidOperationException("mdm down"),
        ]);
        var provider = new Device(() => answers.Dequeue()());
        var evaluator = ProtectedActionEvaluator.Create(DeviceRequired(["compliantDevice", "mfa"]), Fixtures.Clock(), provider);

        var first = await EvaluateAsync(evaluator, From());
        var second = await EvaluateAsync(evaluator, From());

        first.Reasons.Should().BeEmpty();
        second.IsAllowed.Should().BeTrue();
        second.Reasons.Should().Equal("device information provider failed (InvalidOperationException); policies that need device information fail closed");
    }

    [Test]
    public void A_missing_request_is_refused_by_name()
    {
        var evaluator = ProtectedActionEvaluator.Create(Fixtures.Seed(), Fixtures.Clock());

        var act = () => evaluator.EvaluateAsync(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("request");
    }

    // ---- traces ----

    [Test]
    public async Task An_evaluation_leaves_an_activity_with_the_permission_context_and_outcome()
    {
        using var traces = new Traces(_ => ActivitySamplingResult.AllData);
        var evaluator = ProtectedActionEvaluator.Create(Fixtures.Seed(), Fixtures.Clock());

        await EvaluateAsync(evaluator, Fixtures.Password());

        var activity = traces.Stopped.Should().ContainSingle().Subject;
        activity.OperationName.Should().Be("ProtectedActions.Evaluate");
        Tags(activity).Should().Equal(Permission, "c1", "stepUpRequired");
    }

    [Test]
    public async Task An_evaluation_that_waits_for_a_provider_traces_the_wait_under_the_evaluation()
    {
        using var traces = new Traces(_ => ActivitySamplingResult.AllData);
        var provider = new Device(async () =>
        {
            await Task.Yield();
            return new DeviceProperties { IsCompliant = true };
        });
        var evaluator = ProtectedActionEvaluator.Create(DeviceRequired(["compliantDevice"]), Fixtures.Clock(), provider);

        var d = await EvaluateAsync(evaluator, From());

        d.IsAllowed.Should().BeTrue();
        var evaluation = traces.Stopped.Should().ContainSingle(a => a.OperationName == "ProtectedActions.Evaluate").Subject;
        var providers = traces.Stopped.Should().ContainSingle(a => a.OperationName == "ProtectedActions.EvaluateProviders").Subject;
        providers.ParentSpanId.Should().Be(evaluation.SpanId);
        Tags(providers).Should().Equal(Permission, "c1", "allowed");
    }

    [Test]
    public async Task No_providers_activity_is_started_when_the_evaluation_itself_is_not_traced()
    {
        using var traces = new Traces(name => name == "ProtectedActions.Evaluate" ? ActivitySamplingResult.None : ActivitySamplingResult.AllData);
        var provider = new Device(async () =>
        {
            await Task.Yield();
            return new DeviceProperties { IsCompliant = true };
        });
        var evaluator = ProtectedActionEvaluator.Create(DeviceRequired(["compliantDevice"]), Fixtures.Clock(), provider);

        var d = await EvaluateAsync(evaluator, From());

        d.IsAllowed.Should().BeTrue();
        traces.Started.Should().BeEmpty();
    }

    private static string?[] Tags(Activity activity) =>
    [
        activity.GetTagItem("protected_actions.permission") as string,
        activity.GetTagItem("protected_actions.context") as string,
        activity.GetTagItem("protected_actions.outcome") as string,
    ];

    /// <summary>Listens to the evaluator's activity source; the sampling function decides by operation name.</summary>
    private sealed class Traces : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<Activity> _started = new();
        private readonly ConcurrentQueue<Activity> _stopped = new();

        public Traces(Func<string, ActivitySamplingResult> sample)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == ProtectedActionsTelemetry.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> options) => sample(options.Name),
                ActivityStarted = _started.Enqueue,
                ActivityStopped = _stopped.Enqueue,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<Activity> Started => [.. _started];
        public IReadOnlyList<Activity> Stopped => [.. _stopped];

        public void Dispose() => _listener.Dispose();
    }

    private sealed class Device(Func<Task<DeviceProperties?>> get) : IDeviceInformationProvider
    {
        public int Calls { get; private set; }

        public ValueTask<DeviceProperties?> GetDeviceAsync(SignInContext signIn, CancellationToken cancellationToken)
        {
            Calls++;
            return new(get());
        }
    }
}
