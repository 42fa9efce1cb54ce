using ProtectedActions.Tests.Support;
using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Evaluation;

public class PermissionMatchingTests
{
    private static ProtectedActionsOptions Assign(params (string Permission, string Context)[] assignments)
    {
        var o = Seed();
        o.AuthenticationContexts = [new() { Id = "c1" }, new() { Id = "c2" }, new() { Id = "c3" }];
        o.ProtectedActions = assignments.Select(a => new ProtectedActionAssignment { Permission = a.Permission, AuthenticationContextId = a.Context }).ToList();
        o.ConditionalAccessPolicies = [Policy("p1", "c1", controls: ["mfa"]), Policy("p2", "c2", controls: ["mfa"]), Policy("p3", "c3", controls: ["mfa"])];
        return o;
    }

    [TestCase("contoso.billing/invoices/approve", "c3")]
    [TestCase("contoso.billing/invoices/delete", "c2")]
    [TestCase("contoso.billing/payments/create", "c1")]
    [TestCase("CONTOSO.BILLING/INVOICES/APPROVE", "c3")]
    [TestCase("contoso.payroll/runs/create", null)]
    [TestCase("contoso.billingx/invoices/approve", null)]
    public void Most_specific_assignment_wins(string permission, string? context)
    {
        var o = Assign(("contoso.billing/*", "c1"), ("contoso.billing/invoices/*", "c2"), ("contoso.billing/invoices/approve", "c3"));
        Evaluate(o, Password(), permission).AuthenticationContextId.Should().Be(context);
    }

    [Test]
    public void Pattern_decision_reports_the_requested_permission() =>
        Evaluate(Assign(("contoso.billing/*", "c1")), Password(), "contoso.billing/invoices/approve").Permission.Should().Be("contoso.billing/invoices/approve");

    [Test]
    public void Pattern_does_not_match_its_own_prefix() =>
        Evaluate(Assign(("contoso.billing/invoices/*", "c1")), Password(), "contoso.billing/invoices/").IsProtected.Should().BeFalse();

    [Test]
    public void Every_known_entra_permission_can_be_protected()
    {
        var o = Seed();
        o.ProtectedActions = KnownPermissions.All.Select(p => new ProtectedActionAssignment { Permission = p, AuthenticationContextId = "c1" }).ToList();
        foreach (var p in KnownPermissions.All)
        {
            Evaluate(o, Password(), p).AuthenticationContextId.Should().Be("c1", p);
        }

        KnownPermissions.All.Should().OnlyHaveUniqueItems().And.HaveCount(19).And.OnlyContain(p => p.StartsWith("microsoft.directory/", StringComparison.Ordinal));
    }
}

public class PermissionLookupCacheTests
{
    [Test]
    public void Literal_and_freshly_built_permission_strings_decide_the_same_and_repeat_lookups_stay_correct()
    {
        var evaluator = ProtectedActionEvaluator.Create(Fixtures.Seed(), Fixtures.Clock());
        var built = string.Concat("microsoft.directory/", "conditionalAccessPolicies/create".ToUpperInvariant());
        for (var i = 0; i < 3; i++)
        {
            evaluator.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Fixtures.Password())).Result.AuthenticationContextId.Should().Be("c1");
            evaluator.EvaluateAsync(new(built, Fixtures.Password())).Result.AuthenticationContextId.Should().Be("c1");
            evaluator.EvaluateAsync(new("contoso.app/things/read", Fixtures.Password())).Result.IsProtected.Should().BeFalse();
        }
    }

    [Test]
    public void Many_distinct_literals_sharing_slots_never_mix_up_assignments()
    {
        var o = Fixtures.Seed();
        o.AuthenticationContexts = Enumerable.Range(1, 99).Select(i => new AuthenticationContextDefinition { Id = "c" + i }).ToList();
        o.ProtectedActions = Enumerable.Range(0, 500).Select(i => new ProtectedActionAssignment { Permission = $"contoso.app/e{i}/update", AuthenticationContextId = "c" + (1 + (i % 99)) }).ToList();
        o.ProtectedActions.Add(new() { Permission = KnownPermissions.ProtectedActionsManagement, AuthenticationContextId = "c1" });
        o.ConditionalAccessPolicies = [];
        var evaluator = ProtectedActionEvaluator.Create(o, Fixtures.Clock());
        var permissions = Enumerable.Range(0, 500).Select(i => string.Intern($"contoso.app/e{i}/update")).ToArray();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < permissions.Length; i++)
            {
                evaluator.EvaluateAsync(new(permissions[i], Fixtures.Password())).Result.AuthenticationContextId.Should().Be("c" + (1 + (i % 99)));
            }
        }
    }
}
