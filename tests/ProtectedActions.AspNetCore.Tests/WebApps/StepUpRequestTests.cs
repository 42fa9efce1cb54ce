using System.Security.Claims;
using System.Text;

namespace ProtectedActions.AspNetCore.Tests.WebApps;

/// <summary>The authorize request's values: only validated text reaches it.</summary>
public sealed class StepUpRequestTests
{
    private static string Entra(string contextId) =>
        $"Bearer error=\"insufficient_claims\", claims=\"{Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"" + contextId + "\"}}}"))}\"";

    [TestCase("c1\"},\"userinfo\":{\"x")]
    [TestCase("c100")]
    [TestCase("C1")]
    public void Attacker_custom_evaluator_context_id_never_reaches_the_claims_request(string contextId)
    {
        var decision = ProtectedActionDecision.Create(ProtectedActionOutcome.StepUpRequired, "contoso.test/things/create", contextId,
            challenge: StepUpChallenge.Create([Entra("c1")], contextId));

        OpenIdConnectStepUpRequest.FromDecision(decision).Should().BeNull();
    }

    [Test]
    public void A_valid_decision_asks_for_its_context_in_the_id_token()
    {
        var decision = ProtectedActionDecision.Create(ProtectedActionOutcome.StepUpRequired, "contoso.test/things/create", "c42",
            challenge: StepUpChallenge.Create([Entra("c42")], "c42"));

        OpenIdConnectStepUpRequest.FromDecision(decision)!.Claims.Should().Be("{\"id_token\":{\"acrs\":{\"essential\":true,\"value\":\"c42\"}}}");
    }

    [Test]
    public void Login_hint_prefers_login_hint_then_preferred_username_and_skips_unusable_values()
    {
        static ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
            new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));

        OpenIdConnectStepUpRequest.LoginHint(User(("email", "e@x.test"), ("login_hint", "opaque-hint"))).Should().Be("opaque-hint");
        OpenIdConnectStepUpRequest.LoginHint(User(("email", "e@x.test"), ("preferred_username", "p@x.test"))).Should().Be("p@x.test");
        OpenIdConnectStepUpRequest.LoginHint(User(("preferred_username", "p@x.test\r\nx"), ("email", "e@x.test"))).Should().Be("e@x.test");
        OpenIdConnectStepUpRequest.LoginHint(User(("preferred_username", new string('a', 257)))).Should().BeNull();
        OpenIdConnectStepUpRequest.LoginHint(new ClaimsPrincipal(new ClaimsIdentity([new Claim("email", "e@x.test")]))).Should().BeNull("an unauthenticated identity is nobody");
        OpenIdConnectStepUpRequest.LoginHint(null).Should().BeNull();
    }
}
