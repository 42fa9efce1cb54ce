using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.FailClosed;

/// <summary>
/// Item 2: only the authenticated identity that carries the validated token is mapped; facts from an identity
/// nobody authenticated, or from a second scheme's identity of an untrusted issuer, never lift a sign-in.
/// </summary>
public sealed class IdentitySelectionTests
{
    private const string OtherScheme = "Other";
    private const string OtherIssuer = "https://other.test/";
    private const string OtherHeader = "X-Other-Token";

    private static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app)
    {
        app.MapPost("/things", () => "created").RequireProtectedAction(FailClosedHost.Create);
        // Authorizes with both schemes: the middleware merges both identities into one principal.
        app.MapPost("/both", () => "created")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = "Bearer," + OtherScheme })
            .RequireProtectedAction(FailClosedHost.Create);
    }

    private static Task<FailClosedHost> StartWithTransformationAsync() => FailClosedHost.StartAsync(FailClosedHost.Document, Map,
        services: b => b.Services.AddSingleton<IClaimsTransformation, AddUnauthenticatedIdentity>());

    private static Task<FailClosedHost> StartWithSecondSchemeAsync(string document = FailClosedHost.Document) => FailClosedHost.StartAsync(document, Map,
        authentication: a => a.Builder.AddJwtBearer(OtherScheme, o =>
        {
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = OtherIssuer,
                ValidAudience = TestTokens.Audience,
                IssuerSigningKey = TestTokens.Key,
            };
            o.Events = new Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerEvents
            {
                OnMessageReceived = ctx =>
                {
                    ctx.Token = ctx.Request.Headers[OtherHeader].FirstOrDefault();
                    if (ctx.Token is null)
                    {
                        ctx.NoResult();
                    }

                    return Task.CompletedTask;
                },
            };
        }));

    /// <summary>A token from the untrusted issuer that claims everything: acrs=c1, FIDO2 and MFA.</summary>
    private static string OtherToken(string issuer = OtherIssuer) => TestTokens.Create(amr: ["fido", "mfa"], acrs: ["c1"], issuer: issuer, clientCapabilities: ["cp1"]);

    [Test]
    public async Task Claims_transformation_identity_with_acrs_and_fido_does_not_lift_a_password_token()
    {
        await using var host = await StartWithTransformationAsync();
        var response = await host.SendAsync(HttpMethod.Post, "/things", TestTokens.Password("cp1"));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().ContainSingle().Which.Should().Contain("insufficient_claims");
    }

    [Test]
    public async Task Claims_transformation_identity_does_not_lock_out_a_token_that_satisfies_the_policy()
    {
        await using var host = await StartWithTransformationAsync();
        (await host.SendAsync(HttpMethod.Post, "/things", TestTokens.Fido())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Unauthenticated_identity_alone_gets_the_ordinary_challenge_and_is_not_evaluated()
    {
        await using var host = await FailClosedHost.StartAsync(FailClosedHost.Document, Map, afterAuthentication: app => app.Use((HttpContext ctx, RequestDelegate next) =>
        {
            ctx.User.AddIdentity(AddUnauthenticatedIdentity.Forged());
            return next(ctx);
        }));
        var response = await host.SendAsync(HttpMethod.Post, "/things");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().Equal("Bearer");
        host.Logs.GetSnapshot().Should().NotContain(r => r.Id.Id == 2000 && r.Category == "ProtectedActions.Audit", "nothing was evaluated");
    }

    [Test]
    public async Task Second_authenticated_scheme_from_an_untrusted_issuer_carrying_acrs_is_not_merged()
    {
        await using var host = await StartWithSecondSchemeAsync();
        var response = await host.SendAsync(HttpMethod.Post, "/both", TestTokens.Password("cp1"), r => r.Headers.Add(OtherHeader, OtherToken()));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().ContainSingle().Which.Should().Contain("insufficient_claims");
    }

    [Test]
    public async Task Second_authenticated_scheme_does_not_lock_out_a_trusted_token_that_satisfies_the_policy()
    {
        await using var host = await StartWithSecondSchemeAsync();
        var response = await host.SendAsync(HttpMethod.Post, "/both", TestTokens.Fido(), r => r.Headers.Add(OtherHeader, TestTokens.Create(amr: ["pwd"], issuer: OtherIssuer)));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Two_identities_from_trusted_issuers_are_ambiguous_map_nothing_and_log_a_warning_without_claim_values()
    {
        var document = FailClosedHost.Document.Replace("[ \"https://issuer.test/\" ]", "[ \"https://issuer.test/\", \"https://other.test/\" ]", StringComparison.Ordinal);
        await using var host = await StartWithSecondSchemeAsync(document);
        var response = await host.SendAsync(HttpMethod.Post, "/both", TestTokens.Password("cp1"), r => r.Headers.Add(OtherHeader, OtherToken()));

        response.StatusCode.Should().NotBe(HttpStatusCode.OK);
        var warning = host.Logs.GetSnapshot().Where(r => r.Id.Id == AspNetCoreLogEventIds.AmbiguousIdentity && r.Category == typeof(ProtectedActionAuthorizationHandler).FullName).Should().ContainSingle().Subject;
        warning.Level.Should().Be(Microsoft.Extensions.Logging.LogLevel.Warning);
        warning.Message.Should().Contain(FailClosedHost.Create).And.NotContain(TestTokens.UserId).And.NotContain("c1").And.NotContain("fido");
    }

    [Test]
    public async Task Ambiguous_identities_still_show_the_way_with_a_step_up_challenge()
    {
        var document = FailClosedHost.Document.Replace("[ \"https://issuer.test/\" ]", "[ \"https://issuer.test/\", \"https://other.test/\" ]", StringComparison.Ordinal);
        await using var host = await StartWithSecondSchemeAsync(document);
        var response = await host.SendAsync(HttpMethod.Post, "/both", TestTokens.Fido("cp1"), r => r.Headers.Add(OtherHeader, OtherToken()));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TestApi.WwwAuthenticate(response).Should().ContainSingle().Which.Should().Contain("insufficient_claims");
    }

    /// <summary>Adds an identity nobody authenticated that claims a satisfied context and phishing-resistant MFA.</summary>
    private sealed class AddUnauthenticatedIdentity : IClaimsTransformation
    {
        public static ClaimsIdentity Forged() => new(
        [
            new Claim("acrs", "c1"),
            new Claim("amr", "fido"),
            new Claim("amr", "mfa"),
            new Claim("iss", TestTokens.Issuer),
            new Claim("xms_cc", "cp1"),
        ]);

        public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
        {
            var copy = principal.Clone();
            copy.AddIdentity(Forged());
            return Task.FromResult(copy);
        }
    }
}
