using ProtectedActions.Compilation;
using ProtectedActions.Evaluation;
using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Reliability;

/// <summary>Bounded stress: evaluations on several threads while the configuration is swapped continuously.</summary>
public class ConcurrentReloadStressTests
{
    private static ProtectedActionsOptions ConfigA() => Seed(); // one policy: phishing-resistant + 1 h

    private static ProtectedActionsOptions ConfigB()
    {
        var o = Seed();
        o.ConditionalAccessPolicies = [Policy("mfa", "c1", controls: ["mfa"]), Policy("off", "c1", state: "disabled", controls: ["block"])];
        return o;
    }

    [Test]
    [CancelAfter(20_000)]
    public void Every_decision_matches_the_old_or_the_new_snapshot_and_nothing_tears()
    {
        var clock = Clock();
        var a = SnapshotCompiler.Compile(ConfigA(), "ProtectedActions", Now, out _)!;
        var holder = new SnapshotHolder(a);
        var evaluator = new DefaultProtectedActionEvaluator(holder, clock, null, null);
        var signIns = new[] { Password(), Fido2(), Fido2(TimeSpan.FromHours(2)), new SignInContext(), Password(user: BreakGlass),
            new SignInContext { UserId = Alice, GroupIds = [], RoleIds = [], AuthenticationMethodReferences = ["pwd", "mfa"], AuthenticationTime = Now } };

        // What each configuration alone decides, per sign-in.
        var expectedA = signIns.Select(s => Evaluate(ConfigA(), s).Outcome).ToArray();
        var expectedB = signIns.Select(s => Evaluate(ConfigB(), s).Outcome).ToArray();
        expectedA.Should().NotEqual(expectedB, "the two configurations must disagree somewhere for the test to mean anything");

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var evaluations = 0L;
        var reloads = 0;
        var reloader = Task.Run(() =>
        {
            var options = new[] { ConfigB(), ConfigA(), ConfigB().Invalid() };
            while (!stop.IsCancellationRequested && reloads < 200_000)
            {
                holder.TryReload(options[reloads % 3], "ProtectedActions", Now, out _);
                reloads++;
            }
        });
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var i = w;
            while (!stop.IsCancellationRequested && Interlocked.Read(ref evaluations) < 5_000_000)
            {
                var k = i++ % signIns.Length;
                try
                {
                    var d = await evaluator.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, signIns[k]));
                    var expected = d.Policies.Count == 1 ? expectedA[k] : d.Policies.Count == 2 ? expectedB[k] : (ProtectedActionOutcome?)null;
                    if (expected != d.Outcome)
                    {
                        errors.Enqueue($"sign-in {k}: {d.Outcome} with {d.Policies.Count} policies");
                    }
                }
#pragma warning disable CA1031 // any exception is a failure of the test, recorded and asserted below
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    errors.Enqueue(ex.ToString());
                }

                Interlocked.Increment(ref evaluations);
            }
        })).ToArray();
        Task.WaitAll([.. workers, reloader]);

        errors.Should().BeEmpty();
        evaluations.Should().BeGreaterThan(1000);
        reloads.Should().BeGreaterThan(10);
    }
}

internal static class StressOptions
{
    /// <summary>An invalid configuration: its reloads must be refused and change nothing.</summary>
    public static ProtectedActionsOptions Invalid(this ProtectedActionsOptions o)
    {
        o.ConditionalAccessPolicies[0].State = "bogus";
        return o;
    }
}
