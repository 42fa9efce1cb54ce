using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Routing;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Http;

/// <summary>
/// The sign-in's IP address is Connection.RemoteIpAddress as the host left it: X-Forwarded-For counts only when
/// the host configured the forwarded-headers middleware (with the proxies it trusts).
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");

    private static void Map(IEndpointRouteBuilder app) => app.MapPost("/things", () => "ok").RequireProtectedAction(TestScenario.Create);

    // TestServer has no socket: play the connection arriving from the proxy.
    private static void FromProxy(WebApplication app, IPAddress remote) =>
        app.Use((ctx, next) => { ctx.Connection.RemoteIpAddress = remote; return next(ctx); });

    private static Action<HttpRequestMessage> ForwardedFor(string address) => r => r.Headers.Add("X-Forwarded-For", address);

    [Test]
    public async Task Without_forwarded_headers_middleware_the_header_is_ignored()
    {
        await using var api = await TestApi.StartAsync(Map, beforeAuthentication: app => FromProxy(app, Proxy));
        await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Fido(), ForwardedFor("203.0.113.7"));
        api.Evaluator.Requests.Single().SignIn.IpAddress.Should().Be(Proxy);
    }

    [Test]
    public async Task With_forwarded_headers_from_a_trusted_proxy_the_client_address_is_used()
    {
        await using var api = await TestApi.StartAsync(Map, beforeAuthentication: app =>
        {
            FromProxy(app, Proxy);
            var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
            options.KnownProxies.Add(Proxy);
            app.UseForwardedHeaders(options);
        });
        await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Fido(), ForwardedFor("203.0.113.7"));
        api.Evaluator.Requests.Single().SignIn.IpAddress.Should().Be(IPAddress.Parse("203.0.113.7"));
    }

    [Test]
    public async Task With_forwarded_headers_from_an_untrusted_proxy_the_connection_address_is_kept()
    {
        await using var api = await TestApi.StartAsync(Map, beforeAuthentication: app =>
        {
            FromProxy(app, IPAddress.Parse("198.51.100.9"));
            var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
            options.KnownProxies.Add(Proxy);
            app.UseForwardedHeaders(options);
        });
        await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Fido(), ForwardedFor("203.0.113.7"));
        api.Evaluator.Requests.Single().SignIn.IpAddress.Should().Be(IPAddress.Parse("198.51.100.9"));
    }

    private const string OfficeOnly = "contoso.test/payroll/export";

    // c4: blocked from anywhere but the trusted office range 203.0.113.0/24.
    private static void OfficeOnlyPolicy(ProtectedActionsOptions o)
    {
        o.AuthenticationContexts.Add(new AuthenticationContextDefinition { Id = "c4" });
        o.ProtectedActions.Add(new ProtectedActionAssignment { Permission = OfficeOnly, AuthenticationContextId = "c4" });
        o.NamedLocations.Add(new NamedLocation
        {
            ODataType = "#microsoft.graph.ipNamedLocation", Id = "office", DisplayName = "Office", IsTrusted = true,
            IpRanges = [new IpRange { ODataType = "#microsoft.graph.iPv4CidrRange", CidrAddress = "203.0.113.0/24" }],
        });
        o.ConditionalAccessPolicies.Add(new ConditionalAccessPolicy
        {
            Id = "office-only", State = "enabled",
            Conditions = new ConditionalAccessConditions
            {
                Applications = new ConditionalAccessApplications { IncludeAuthenticationContextClassReferences = ["c4"] },
                Users = new ConditionalAccessUsers { IncludeUsers = ["All"] },
                Locations = new ConditionalAccessLocations { IncludeLocations = ["All"], ExcludeLocations = ["AllTrusted"] },
            },
            GrantControls = new ConditionalAccessGrantControls { BuiltInControls = ["block"] },
        });
    }

    [TestCase(true, HttpStatusCode.OK)]
    [TestCase(false, HttpStatusCode.Forbidden)]
    public async Task Location_policy_sees_the_forwarded_client_only_when_the_host_configured_it(bool forwardedHeaders, HttpStatusCode expected)
    {
        await using var api = await TestApi.StartAsync(
            app => app.MapPost("/export", () => "ok").RequireProtectedAction(OfficeOnly),
            configure: OfficeOnlyPolicy,
            beforeAuthentication: app =>
            {
                FromProxy(app, Proxy);
                if (forwardedHeaders)
                {
                    var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
                    options.KnownProxies.Add(Proxy);
                    app.UseForwardedHeaders(options);
                }
            });

        var response = await api.SendAsync(HttpMethod.Post, "/export", TestTokens.Fido(), ForwardedFor("203.0.113.7"));
        response.StatusCode.Should().Be(expected);
    }

    [Test]
    public async Task IPv4_mapped_IPv6_address_is_normalised_to_IPv4()
    {
        await using var api = await TestApi.StartAsync(Map, beforeAuthentication: app => FromProxy(app, IPAddress.Parse("::ffff:192.0.2.10")));
        await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Fido());
        api.Evaluator.Requests.Single().SignIn.IpAddress.Should().Be(IPAddress.Parse("192.0.2.10"));
    }
}
