using Microsoft.Extensions.Time.Testing;
using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Evaluation;

public class ProviderFailureTests
{
    private sealed class DeviceProvider(Func<CancellationToken, Task<DeviceProperties?>> get) : IDeviceInformationProvider
    {
        public int Calls { get; private set; }

        public ValueTask<DeviceProperties?> GetDeviceAsync(SignInContext signIn, CancellationToken cancellationToken)
        {
            Calls++;
            return new(get(cancellationToken));
        }
    }

    private static ProtectedActionsOptions CompliantRequired()
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [Policy("dev", "c1", controls: ["compliantDevice"])];
        return o;
    }

    [Test]
    public async Task Provider_supplies_compliance()
    {
        var provider = new DeviceProvider(_ => Task.FromResult<DeviceProperties?>(new() { IsCompliant = true }));
        var e = ProtectedActionEvaluator.Create(CompliantRequired(), Clock(), provider);
        var d = await e.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Fido2()));
        d.IsAllowed.Should().BeTrue();
        provider.Calls.Should().Be(1);
    }

    [Test]
    public async Task Provider_is_not_called_when_no_policy_needs_a_device()
    {
        var provider = new DeviceProvider(_ => Task.FromResult<DeviceProperties?>(new() { IsCompliant = true }));
        var e = ProtectedActionEvaluator.Create(Seed(), Clock(), provider);
        await e.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Fido2()));
        provider.Calls.Should().Be(0);
    }

    [Test]
    public async Task Provider_that_throws_fails_closed_with_a_reason()
    {
        var provider = new DeviceProvider(_ => throw new InvalidOperationException("mdm down"));
        var e = ProtectedActionEvaluator.Create(CompliantRequired(), Clock(), provider);
        var d = await e.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Fido2() .WithDevice(new() { IsCompliant = true })));
        // docs/decisions.md 12: compliance is unknown, so with acrs trusted the identity provider decides at step-up (was Denied).
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Challenge!.AuthenticationContextId.Should().Be("c1");
        d.Challenge.WwwAuthenticate.Should().ContainSingle().Which.Should().StartWith("Bearer ");
        d.Reasons.Should().ContainMatch("device information provider failed*");
    }

    [Test]
    public async Task Provider_that_throws_denies_when_acrs_is_not_trusted()
    {
        var provider = new DeviceProvider(_ => throw new InvalidOperationException("mdm down"));
        var o = CompliantRequired();
        o.Settings.TrustAcrsClaim = false;
        var e = ProtectedActionEvaluator.Create(o, Clock(), provider);
        var d = await e.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Fido2().WithDevice(new() { IsCompliant = true })));
        d.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        d.Explanation.Should().Contain("acrs from this caller's issuer is not trusted");
    }

    [Test]
    public async Task Provider_that_hangs_times_out_and_fails_closed()
    {
        var clock = Clock();
        var provider = new DeviceProvider(ct => new TaskCompletionSource<DeviceProperties?>().Task);
        var e = ProtectedActionEvaluator.Create(CompliantRequired(), clock, provider);
        var task = e.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Fido2())).AsTask();
        task.IsCompleted.Should().BeFalse();
        clock.Advance(TimeSpan.FromSeconds(4));
        var d = await task.WaitAsync(TimeSpan.FromSeconds(10));
        // docs/decisions.md 12: compliance is unknown, so with acrs trusted the identity provider decides at step-up (was Denied).
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Challenge!.AuthenticationContextId.Should().Be("c1");
        d.Challenge.WwwAuthenticate.Should().ContainSingle().Which.Should().StartWith("Bearer ");
        d.Reasons.Should().ContainMatch("*timed out*");
    }

    [Test]
    public async Task Provider_that_is_cancelled_by_itself_fails_closed()
    {
        var provider = new DeviceProvider(_ => Task.FromCanceled<DeviceProperties?>(new CancellationToken(true)));
        var e = ProtectedActionEvaluator.Create(CompliantRequired(), Clock(), provider);
        var d = await e.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Fido2()));
        // docs/decisions.md 12: compliance is unknown, so with acrs trusted the identity provider decides at step-up (was Denied).
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Challenge!.AuthenticationContextId.Should().Be("c1");
        d.Challenge.WwwAuthenticate.Should().ContainSingle().Which.Should().StartWith("Bearer ");
        d.Reasons.Should().ContainMatch("*cancelled*");
    }

    [Test]
    public async Task Caller_cancellation_during_the_provider_call_throws()
    {
        using var cts = new CancellationTokenSource();
        var provider = new DeviceProvider(ct => Task.Delay(Timeout.Infinite, ct).ContinueWith<DeviceProperties?>(_ => null, TaskScheduler.Default));
        var e = ProtectedActionEvaluator.Create(CompliantRequired(), new FakeTimeProvider(Now), provider);
        var task = e.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Fido2()), cts.Token).AsTask();
        await cts.CancelAsync();
        await FluentActions.Awaiting(() => task).Should().ThrowAsync<OperationCanceledException>();
    }
}

internal static class SignInTestExtensions
{
    public static SignInContext WithDevice(this SignInContext s, DeviceProperties device) => s.With(device, s.Country, s.Notes);
}
