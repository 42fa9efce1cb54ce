using ProtectedActions.Compilation;
using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// <see cref="ProtectedActionsSnapshot.Find"/> remembers interned permissions (literals, constants) by reference; a
/// permission built at run time gets the same answer and is not remembered, so per-request strings do not allocate.
/// </summary>
public class PermissionLookupTests
{
    private static ProtectedActionsSnapshot Snapshot()
    {
        var o = Fixtures.Seed();
        o.ProtectedActions.Add(new() { Permission = "contoso.billing/*", AuthenticationContextId = "c1" });
        return SnapshotCompiler.Compile(o, "ProtectedActions", Fixtures.Now, out _)!;
    }

    /// <summary>A new, non-interned instance of <paramref name="s"/>.</summary>
    private static string Fresh(string s) => new(s.AsSpan());

    [Test]
    public void A_permission_built_at_run_time_gets_the_same_answer_as_the_literal()
    {
        var snapshot = Snapshot();
        const string Literal = KnownPermissions.NamedLocationsCreate;

        snapshot.Find(Literal)!.Permission.Should().Be(Literal);
        var fresh = Fresh(Literal);
        ReferenceEquals(string.IsInterned(fresh), fresh).Should().BeFalse();
        snapshot.Find(fresh)!.Permission.Should().Be(Literal);
        snapshot.Find(Fresh(Literal.ToUpperInvariant()))!.Permission.Should().Be(Literal);
        snapshot.Find(Fresh("contoso.billing/invoices/approve"))!.Permission.Should().Be("contoso.billing/");
        snapshot.Find(Fresh("contoso.payroll/runs/approve")).Should().BeNull();
        snapshot.Find(Literal)!.Permission.Should().Be(Literal);
        snapshot.Find("contoso.payroll/runs/approve").Should().BeNull();
        snapshot.Find("contoso.payroll/runs/approve").Should().BeNull();
    }

    [Test]
    public void Looking_up_permissions_built_per_request_allocates_nothing()
    {
        var snapshot = Snapshot();
        var requests = Enumerable.Range(0, 200).Select(i => Fresh(i % 2 == 0 ? KnownPermissions.NamedLocationsCreate : "contoso.billing/invoices/approve")).ToArray();
        for (var i = 0; i < 3; i++)
        {
            _ = snapshot.Find(Fresh(KnownPermissions.NamedLocationsCreate));
            _ = snapshot.Find(Fresh("contoso.billing/invoices/approve"));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var found = 0;
        foreach (var permission in requests)
        {
            found += snapshot.Find(permission) is null ? 0 : 1;
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        found.Should().Be(requests.Length);
    }
}
