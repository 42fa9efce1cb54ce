using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace ProtectedActions.AspNetCore.Tests.Performance;

/// <summary>
/// The handler (docs/decisions/request-path-performance.md) implements <see cref="IAuthorizationHandler"/> directly (an index loop over the
/// requirements and a synchronous completion, instead of <c>AuthorizationHandler&lt;T&gt;</c>'s iterator and
/// state machine) and the feature keeps its first decision in fields. Each fast path must decide exactly as the
/// general path: same successes, same decisions, same order.
/// </summary>
public sealed class HandlerFastPathTests
{
    private const string Issuer = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0";
    private const string Create = "contoso.app/things/create";
    private const string Delete = "contoso.app/things/delete";
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static ProtectedActionsOptions Options() => new()
    {
        AuthenticationContexts = [new() { Id = "c1" }, new() { Id = "c2" }],
        ProtectedActions =
        [
            new() { Permission = Create, AuthenticationContextId = "c1" },
            new() { Permission = Delete, AuthenticationContextId = "c2" },
        ],
        ConditionalAccessPolicies =
        [
            new()
            {
                Id = "mfa", State = "enabled",
                Conditions = new() { Applications = new() { IncludeAuthenticationContextClassReferences = ["c1"] }, Users = new() { IncludeUsers = ["All"] } },
                GrantControls = new() { Operator = "OR", BuiltInControls = ["mfa"] },
            },
            new()
            {
                Id = "block", State = "enabled",
                Conditions = new() { Applications = new() { IncludeAuthenticationContextClassReferences = ["c2"] }, Users = new() { IncludeUsers = ["All"] } },
                GrantControls = new() { Operator = "OR", BuiltInControls = ["block"] },
            },
        ],
        Settings = new() { TrustedIssuers = [Issuer] },
    };

    private static IAuthorizationHandler Handler(IProtectedActionEvaluator? evaluator = null) =>
        new ProtectedActionAuthorizationHandler(evaluator ?? ProtectedActionEvaluator.Create(Options(), new FixedClock()),
            NullLogger<ProtectedActionAuthorizationHandler>.Instance);

    private static ClaimsPrincipal User(params string[] amr) => new(new ClaimsIdentity(
        [new Claim("oid", "u1", ClaimValueTypes.String, Issuer), new Claim("iss", Issuer, ClaimValueTypes.String, Issuer),
         .. amr.Select(a => new Claim("amr", a, ClaimValueTypes.String, Issuer))], "Bearer"));

    private static IAuthorizationRequirement[][] RequirementSets() =>
    [
        [new ProtectedActionRequirement(Create)],
        [new DenyAnonymousAuthorizationRequirement(), new ProtectedActionRequirement(Create)],
        [new ProtectedActionRequirement(Create), new ProtectedActionRequirement(Delete)],
        [new ClaimsAuthorizationRequirement("scp", ["x"]), new ProtectedActionRequirement(Delete), new ProtectedActionRequirement(Create)],
        [new DenyAnonymousAuthorizationRequirement()],
        [new ProtectedActionRequirement(Create), new ProtectedActionRequirement(Create)],
    ];

    private static async Task<(string[] Pending, string[] Decisions, bool Succeeded)> RunAsync(IAuthorizationHandler handler,
        IEnumerable<IAuthorizationRequirement> requirements, ClaimsPrincipal user)
    {
        var http = new DefaultHttpContext { User = user };
        http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.10");
        var context = new AuthorizationHandlerContext(requirements, user, http);
        await handler.HandleAsync(context);
        var decisions = http.Features.Get<IProtectedActionFeature>()?.Decisions.Select(d => $"{d.Permission}:{d.Outcome}:{d.SatisfiedBy}:{string.Join("|", d.Reasons)}").ToArray() ?? [];
        return ([.. context.PendingRequirements.Select(r => r.ToString()!)], decisions, context.HasSucceeded);
    }

    private static IEnumerable<T> Lazily<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }
    }

    [Test]
    public async Task The_list_fast_path_decides_exactly_as_the_general_path_for_every_requirement_set()
    {
        foreach (var user in new[] { User("pwd"), User("pwd", "mfa"), new ClaimsPrincipal(new ClaimsIdentity()) })
        {
            foreach (var set in RequirementSets())
            {
                var fast = await RunAsync(Handler(), set, user);
                var general = await RunAsync(Handler(), Lazily(set), user);

                fast.Pending.Should().Equal(general.Pending);
                fast.Decisions.Should().Equal(general.Decisions);
                fast.Succeeded.Should().Be(general.Succeeded);
            }
        }
    }

    [Test]
    public async Task An_evaluator_that_completes_later_still_gets_every_requirement_in_order()
    {
        var slow = new YieldingEvaluator(ProtectedActionEvaluator.Create(Options(), new FixedClock()));
        var set = new IAuthorizationRequirement[] { new ProtectedActionRequirement(Create), new ClaimsAuthorizationRequirement("scp", ["x"]), new ProtectedActionRequirement(Delete) };

        var later = await RunAsync(Handler(slow), set, User("pwd", "mfa"));
        var now = await RunAsync(Handler(), set, User("pwd", "mfa"));

        slow.Permissions.Should().Equal(Create, Delete);
        later.Decisions.Should().Equal(now.Decisions);
        later.Pending.Should().Equal(now.Pending);
        later.Decisions.Should().HaveCount(2);
    }

    [Test]
    public async Task Attacker_a_password_only_user_is_never_allowed_by_the_fast_path()
    {
        var result = await RunAsync(Handler(), [new ProtectedActionRequirement(Create)], User("pwd"));

        result.Succeeded.Should().BeFalse();
        result.Pending.Should().ContainSingle();
        result.Decisions.Should().ContainSingle().Which.Should().StartWith(Create + ":StepUpRequired");
    }

    [Test]
    public async Task Locked_out_user_the_step_up_decision_is_in_the_feature_for_the_challenge()
    {
        var user = User("pwd");
        var http = new DefaultHttpContext { User = user };
        var context = new AuthorizationHandlerContext([new ProtectedActionRequirement(Create)], user, http);

        await Handler().HandleAsync(context);

        var feature = (ProtectedActionFeature)http.Features.Get<IProtectedActionFeature>()!;
        var decision = feature.Find(Create.ToUpperInvariant());
        decision.Should().NotBeNull();
        decision!.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        decision.AuthenticationContextId.Should().Be("c1");
    }

    [Test]
    public async Task An_evaluator_that_fails_asynchronously_propagates_cancellation_and_leaves_the_requirement_unmet()
    {
        var cancelling = new CancellingEvaluator();
        var user = User("pwd", "mfa");
        var context = new AuthorizationHandlerContext([new ProtectedActionRequirement(Create)], user, new DefaultHttpContext { User = user });

        await FluentActions.Awaiting(() => Handler(cancelling).HandleAsync(context)).Should().ThrowAsync<OperationCanceledException>();
        context.HasSucceeded.Should().BeFalse();
    }

    [Test]
    public void The_feature_lists_decisions_in_order_and_finds_the_latest_per_permission_and_principal()
    {
        var a = new ClaimsPrincipal();
        var b = new ClaimsPrincipal();
        var d1 = Decision(Create, ProtectedActionOutcome.Allowed);
        var d2 = Decision(Delete, ProtectedActionOutcome.Denied);
        var d3 = Decision(Create, ProtectedActionOutcome.StepUpRequired);
        var feature = new ProtectedActionFeature();

        feature.Decisions.Should().BeEmpty();
        feature.Find(Create).Should().BeNull();
        feature.Find(Create, a).Should().BeNull();

        feature.Add(Create, d1, a);
        feature.Decisions.Should().Equal(d1);
        feature.Find(Create.ToUpperInvariant(), a).Should().BeSameAs(d1);
        feature.Find(Create, b).Should().BeNull("another principal gets its own evaluation");

        feature.Add(Delete, d2, a);
        feature.Add(Create, d3, b);
        feature.Decisions.Should().Equal(d1, d2, d3);
        feature.Decisions.Count.Should().Be(3);
        feature.Decisions[2].Should().BeSameAs(d3);
        feature.Find(Create).Should().BeSameAs(d3, "the latest decision for the permission is what the result handler answers with");
        feature.Find(Create, a).Should().BeSameAs(d1);
        feature.Find(Create, b).Should().BeSameAs(d3);
        feature.Find(Delete, a).Should().BeSameAs(d2);
        feature.Invoking(f => f.Decisions[3]).Should().Throw<ArgumentOutOfRangeException>();
        feature.Invoking(f => f.Decisions[-1]).Should().Throw<ArgumentOutOfRangeException>();
    }

    private static ProtectedActionDecision Decision(string permission, ProtectedActionOutcome outcome) =>
        ProtectedActionDecision.Create(outcome, permission, "c1");

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class YieldingEvaluator(IProtectedActionEvaluator inner) : IProtectedActionEvaluator
    {
        public List<string> Permissions { get; } = [];

        public async ValueTask<ProtectedActionDecision> EvaluateAsync(ProtectedActionRequest request, CancellationToken cancellationToken = default)
        {
            Permissions.Add(request.Permission);
            await Task.Yield();
            return await inner.EvaluateAsync(request, cancellationToken);
        }
    }

    private sealed class CancellingEvaluator : IProtectedActionEvaluator
    {
        public async ValueTask<ProtectedActionDecision> EvaluateAsync(ProtectedActionRequest request, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            throw new OperationCanceledException();
        }
    }
}
