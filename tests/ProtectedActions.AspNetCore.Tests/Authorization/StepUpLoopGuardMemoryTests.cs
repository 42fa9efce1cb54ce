using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Authorization;

/// <summary>
/// The no-loop rule's in-process memory (no distributed cache): keyed by issuer, subject and context without
/// hashing, counted so that an allowed request costs nothing while nothing is remembered. These tests pin that the
/// cheaper memory still tells subjects and issuers apart, never skips a forget, and stays bounded.
/// </summary>
public sealed class StepUpLoopGuardMemoryTests
{
    private const string OtherIssuer = "https://other-issuer.test/";

    private sealed class Fixture : IDisposable
    {
        private readonly ServiceProvider _services;

        public Fixture(int maxEntries = 10_000)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddProtectedActions(o =>
            {
                TestScenario.Configure(o);
                o.Settings.TrustedIssuers.Add(OtherIssuer);
            }).AddAspNetCore();
            services.Configure<StepUpLoopOptions>(o => o.MaxInMemoryEntries = maxEntries);
            _services = services.BuildServiceProvider();
            Evaluator = _services.GetRequiredService<IProtectedActionEvaluator>();
            Guard = _services.GetRequiredService<StepUpLoopGuard>();
        }

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

        public IProtectedActionEvaluator Evaluator { get; }

        public StepUpLoopGuard Guard { get; }

        /// <summary>A password sign-in (step-up for c1) authenticated <paramref name="ago"/> before the clock.</summary>
        public SignInContext Password(string user, TimeSpan ago, string issuer = TestTokens.Issuer, string? tenant = null) => new()
        {
            UserId = user, Issuer = issuer, TenantId = tenant, AuthenticationMethodReferences = ["pwd"], ClientCapabilities = ["cp1"],
            AuthenticationTime = Clock.GetUtcNow() - ago,
        };

        /// <summary>A trusted token proving c1, authenticated <paramref name="ago"/> before the clock (allowed).</summary>
        public SignInContext SteppedUp(string user, TimeSpan ago, string issuer = TestTokens.Issuer) => new()
        {
            UserId = user, Issuer = issuer, AuthenticationMethodReferences = ["pwd", "mfa"], ClientCapabilities = ["cp1"],
            SatisfiedContexts = ["c1"], AuthenticationTime = Clock.GetUtcNow() - ago,
        };

        /// <summary>The guarded decision for <paramref name="signIn"/>, as the handler makes it.</summary>
        public async Task<ProtectedActionDecision> DecideAsync(SignInContext signIn)
        {
            var decision = await Evaluator.EvaluateAsync(new ProtectedActionRequest(TestScenario.Create, signIn));
            if (decision.Outcome == ProtectedActionOutcome.StepUpRequired)
            {
                return await Guard.ApplyAsync(decision, signIn, new ClaimsPrincipal(new ClaimsIdentity([], "Bearer")), default);
            }

            if (decision.IsAllowed)
            {
                await Guard.ForgetAsync(decision, signIn, default);
            }

            return decision;
        }

        public void Dispose() => _services.Dispose();
    }

    [Test]
    public async Task A_second_weak_sign_in_after_the_challenge_is_refused_as_unsatisfiable()
    {
        using var f = new Fixture();

        (await f.DecideAsync(f.Password("alice", TimeSpan.FromMinutes(5)))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        f.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = await f.DecideAsync(f.Password("alice", TimeSpan.FromSeconds(5)));

        second.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        second.Causes.Should().HaveFlag(DecisionCauses.StepUpUnsatisfiable);
    }

    [Test]
    public async Task Attacker_the_same_subject_from_another_issuer_is_remembered_separately()
    {
        using var f = new Fixture();
        (await f.DecideAsync(f.Password("alice", TimeSpan.FromMinutes(5)))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        f.Clock.Advance(TimeSpan.FromSeconds(30));

        // The other issuer's "alice" was never challenged: an ordinary challenge, not alice's 403.
        var other = await f.DecideAsync(f.Password("alice", TimeSpan.FromSeconds(5), OtherIssuer));

        other.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public async Task Locked_out_user_challenged_in_one_tenant_is_challenged_normally_in_another_tenant_of_the_same_issuer()
    {
        using var f = new Fixture();
        (await f.DecideAsync(f.Password("alice", TimeSpan.FromMinutes(5), tenant: "tenant-a"))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        f.Clock.Advance(TimeSpan.FromSeconds(30));

        (await f.DecideAsync(f.Password("alice", TimeSpan.FromSeconds(5), tenant: "tenant-b"))).Outcome
            .Should().Be(ProtectedActionOutcome.StepUpRequired, "tenant b never challenged alice");
        (await f.DecideAsync(f.Password("alice", TimeSpan.FromSeconds(5), tenant: "tenant-a"))).Outcome
            .Should().Be(ProtectedActionOutcome.Denied, "tenant a's loop rule still holds");
    }

    [Test]
    public void The_distributed_key_tells_tenants_apart_and_keeps_the_tenantless_key_unchanged()
    {
        StepUpLoopGuard.Key(TestTokens.Issuer, "alice", "c1", "tenant-a").Should().NotBe(StepUpLoopGuard.Key(TestTokens.Issuer, "alice", "c1", "tenant-b"));
        StepUpLoopGuard.Key(TestTokens.Issuer, "alice", "c1", null).Should().Be(StepUpLoopGuard.Key(TestTokens.Issuer, "alice", "c1"));
        StepUpLoopGuard.Key(TestTokens.Issuer, "alice", "c1", "tenant-a").Should().NotContain("alice").And.NotContain("tenant-a");
    }

    [Test]
    public async Task Attacker_a_success_under_another_issuer_does_not_clear_this_issuers_memory()
    {
        using var f = new Fixture();
        (await f.DecideAsync(f.Password("alice", TimeSpan.FromMinutes(5)))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        f.Clock.Advance(TimeSpan.FromSeconds(20));
        (await f.DecideAsync(f.SteppedUp("alice", TimeSpan.FromSeconds(5), OtherIssuer))).IsAllowed.Should().BeTrue();
        f.Clock.Advance(TimeSpan.FromSeconds(10));

        var again = await f.DecideAsync(f.Password("alice", TimeSpan.FromSeconds(5)));

        again.Outcome.Should().Be(ProtectedActionOutcome.Denied, "the loop rule for this issuer's alice still holds");
    }

    [Test]
    public async Task Locked_out_user_after_a_successful_step_up_a_later_weak_sign_in_is_challenged_again()
    {
        using var f = new Fixture();
        (await f.DecideAsync(f.Password("alice", TimeSpan.FromMinutes(5)))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        f.Clock.Advance(TimeSpan.FromSeconds(20));
        (await f.DecideAsync(f.SteppedUp("alice", TimeSpan.FromSeconds(5)))).IsAllowed.Should().BeTrue();
        f.Clock.Advance(TimeSpan.FromMinutes(2));

        var later = await f.DecideAsync(f.Password("alice", TimeSpan.FromSeconds(5)));

        later.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public async Task Locked_out_user_concurrent_challenges_and_successes_of_many_users_never_leave_a_memory_behind()
    {
        using var f = new Fixture();
        var users = Enumerable.Range(0, 200).Select(i => "user-" + i).ToArray();

        // Every user is challenged and then steps up, all users at once, several times over.
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (user, _) =>
        {
            for (var round = 0; round < 5; round++)
            {
                (await f.DecideAsync(f.Password(user, TimeSpan.FromHours(2)))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
                (await f.DecideAsync(f.SteppedUp(user, TimeSpan.FromSeconds(1)))).IsAllowed.Should().BeTrue();
            }
        });
        f.Clock.Advance(TimeSpan.FromSeconds(30));

        // Every step-up was forgotten: a later, weaker sign-in of any of them is challenged, never refused.
        foreach (var user in users)
        {
            (await f.DecideAsync(f.Password(user, TimeSpan.FromSeconds(5)))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired, user);
        }
    }

    [Test]
    public async Task Attacker_concurrent_challenges_of_many_users_are_all_remembered()
    {
        using var f = new Fixture();
        var users = Enumerable.Range(0, 200).Select(i => "user-" + i).ToArray();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (user, _) =>
            (await f.DecideAsync(f.Password(user, TimeSpan.FromMinutes(5)))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired));
        f.Clock.Advance(TimeSpan.FromSeconds(30));

        foreach (var user in users)
        {
            (await f.DecideAsync(f.Password(user, TimeSpan.FromSeconds(5)))).Outcome.Should().Be(ProtectedActionOutcome.Denied, user);
        }
    }

    [Test]
    public async Task A_memory_full_of_live_challenges_gives_further_users_ordinary_challenges_never_an_allow()
    {
        using var f = new Fixture(maxEntries: 2);
        foreach (var user in (string[])["a", "b", "c"])
        {
            (await f.DecideAsync(f.Password(user, TimeSpan.FromMinutes(5)))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        }

        f.Clock.Advance(TimeSpan.FromSeconds(30));

        (await f.DecideAsync(f.Password("a", TimeSpan.FromSeconds(5)))).Outcome.Should().Be(ProtectedActionOutcome.Denied);
        (await f.DecideAsync(f.Password("b", TimeSpan.FromSeconds(5)))).Outcome.Should().Be(ProtectedActionOutcome.Denied);
        (await f.DecideAsync(f.Password("c", TimeSpan.FromSeconds(5)))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired,
            "the third challenge did not fit in the memory: an ordinary challenge");
    }

    [Test]
    public async Task Expired_challenges_make_room_for_new_ones()
    {
        using var f = new Fixture(maxEntries: 2);
        (await f.DecideAsync(f.Password("a", TimeSpan.FromMinutes(5)))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        (await f.DecideAsync(f.Password("b", TimeSpan.FromMinutes(5)))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        f.Clock.Advance(TimeSpan.FromMinutes(11));

        (await f.DecideAsync(f.Password("c", TimeSpan.FromMinutes(5)))).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        f.Clock.Advance(TimeSpan.FromSeconds(30));

        (await f.DecideAsync(f.Password("c", TimeSpan.FromSeconds(5)))).Outcome.Should().Be(ProtectedActionOutcome.Denied,
            "the expired entries were swept, so c's challenge was remembered");
    }

    // The same sign-in object challenged again (a principal authorized again: docs/decisions/request-path-performance.md §13)
    // reuses the slot this thread last found, only while that slot is still in this guard's map.

    [Test]
    public async Task Locked_out_user_a_sign_in_challenged_again_after_its_challenge_was_forgotten_is_remembered_again()
    {
        using var f = new Fixture();
        var weak = f.Password("alice", TimeSpan.FromMinutes(5));
        (await f.DecideAsync(weak)).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        f.Clock.Advance(TimeSpan.FromSeconds(10));
        (await f.DecideAsync(f.SteppedUp("alice", TimeSpan.FromSeconds(1)))).Outcome.Should().Be(ProtectedActionOutcome.Allowed, "the step-up worked: the challenge is forgotten");
        f.Clock.Advance(TimeSpan.FromSeconds(10));

        (await f.DecideAsync(weak)).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        f.Clock.Advance(TimeSpan.FromSeconds(10));

        (await f.DecideAsync(f.Password("alice", TimeSpan.FromSeconds(2)))).Outcome.Should().Be(ProtectedActionOutcome.Denied,
            "the new challenge was remembered in the map, not in the forgotten slot: answering it with another weak sign-in is no loop");
    }

    [Test]
    public async Task The_same_sign_in_challenged_twice_moves_its_challenge_time()
    {
        using var f = new Fixture();
        var weak = f.Password("alice", TimeSpan.FromMinutes(5));
        (await f.DecideAsync(weak)).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        f.Clock.Advance(TimeSpan.FromMinutes(9));
        (await f.DecideAsync(weak)).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        f.Clock.Advance(TimeSpan.FromMinutes(6));

        (await f.DecideAsync(f.Password("alice", TimeSpan.FromSeconds(5)))).Outcome.Should().Be(ProtectedActionOutcome.Denied,
            "the window (10 minutes) runs from the second challenge, six minutes ago");
    }

    [Test]
    public async Task The_same_sign_in_challenged_by_another_guard_is_remembered_by_that_guard()
    {
        using var first = new Fixture();
        using var second = new Fixture();
        var weak = first.Password("alice", TimeSpan.FromMinutes(5));
        (await first.DecideAsync(weak)).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);

        (await second.DecideAsync(weak)).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        second.Clock.Advance(TimeSpan.FromSeconds(30));

        (await second.DecideAsync(second.Password("alice", TimeSpan.FromSeconds(5)))).Outcome.Should().Be(ProtectedActionOutcome.Denied,
            "the second guard remembered its own challenge");
    }
}
