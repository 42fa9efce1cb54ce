using System.Net;
using Microsoft.AspNetCore.Builder;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.FailClosed;

/// <summary>The audit event (2000, category ProtectedActions.Audit) covers allowed protected actions too; never claim values.</summary>
public sealed class AuditTests
{
    private static Task<FailClosedHost> StartAsync() => FailClosedHost.StartAsync(FailClosedHost.Document, app =>
    {
        app.MapPost("/things", () => "created").RequireProtectedAction(FailClosedHost.Create);
        app.MapGet("/read", () => "read").RequireProtectedAction(TestScenario.Unprotected, allowUnmapped: true);
    });

    private static string[] Audits(FailClosedHost host) =>
        [.. host.Logs.GetSnapshot().Where(r => r.Id.Id == 2000 && r.Category == "ProtectedActions.Audit").Select(r => r.Message)];

    [Test]
    public async Task Allowed_by_policies_is_audited()
    {
        await using var host = await StartAsync();
        (await host.SendAsync(HttpMethod.Post, "/things", TestTokens.Fido())).StatusCode.Should().Be(HttpStatusCode.OK);
        Audits(host).Should().ContainSingle().Which.Should().Contain(FailClosedHost.Create).And.Contain("(c1): allowed").And.Contain("satisfied by policies")
            .And.NotContain(TestTokens.UserId).And.NotContain(TestTokens.TenantId);
    }

    [Test]
    public async Task Allowed_by_the_token_acrs_is_audited()
    {
        await using var host = await StartAsync();
        (await host.SendAsync(HttpMethod.Post, "/things", TestTokens.Create(amr: ["pwd"], acrs: ["c1"]))).StatusCode.Should().Be(HttpStatusCode.OK);
        Audits(host).Should().ContainSingle().Which.Should().Contain("allowed").And.Contain("satisfied by token");
    }

    [Test]
    public async Task Step_up_is_audited_with_the_failing_policy()
    {
        await using var host = await StartAsync();
        (await host.SendAsync(HttpMethod.Post, "/things", TestTokens.Password("cp1"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        Audits(host).Should().ContainSingle().Which.Should().Contain("stepUpRequired").And.Contain("policy-strength");
    }

    [Test]
    public async Task Not_protected_is_not_audited()
    {
        await using var host = await StartAsync();
        (await host.SendAsync(HttpMethod.Get, "/read", TestTokens.Password())).StatusCode.Should().Be(HttpStatusCode.OK);
        Audits(host).Should().BeEmpty();
    }
}
