using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Hosting;

/// <summary>AddAspNetCore: idempotent, and keeps a result handler the host registered.</summary>
public sealed class RegistrationTests
{
    /// <summary>A host's own result handler: marks forbidden answers it handles.</summary>
    private sealed class MarkingResultHandler : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            context.Response.Headers["X-Host-Handler"] = "yes";
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }

    [Test]
    public void Calling_AddAspNetCore_twice_registers_once()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProtectedActions(TestScenario.Configure).AddAspNetCore().AddAspNetCore();
        services.Count(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IAuthorizationHandler) && d.ImplementationType == typeof(ProtectedActionAuthorizationHandler)).Should().Be(1);
    }

    [Test]
    public void AddAuthorization_after_AddAspNetCore_does_not_replace_the_result_handler()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProtectedActions(TestScenario.Configure).AddAspNetCore();
        services.AddAuthorization();
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IAuthorizationMiddlewareResultHandler>().Should().BeOfType<ProtectedActionResultHandler>();
    }

    [Test]
    public async Task A_result_handler_registered_earlier_still_handles_other_results()
    {
        await using var api = await TestApi.StartAsync(
            app =>
            {
                app.MapPost("/things", () => "ok").RequireProtectedAction(TestScenario.Create);
                app.MapGet("/admin", () => "admin").RequireAuthorization(p => p.RequireRole("Admin"));
            },
            services: b => b.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, MarkingResultHandler>());

        var other = await api.SendAsync(HttpMethod.Get, "/admin", TestTokens.Fido());
        other.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        other.Headers.GetValues("X-Host-Handler").Should().Equal("yes");

        var stepUp = await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Password());
        stepUp.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        stepUp.Headers.Contains("X-Host-Handler").Should().BeFalse("protected-action refusals are answered by ProtectedActions");

        var allowed = await api.SendAsync(HttpMethod.Post, "/things", TestTokens.Fido());
        allowed.StatusCode.Should().Be(HttpStatusCode.OK);
        allowed.Headers.GetValues("X-Host-Handler").Should().ContainSingle().Which.Should().Be("yes", "success goes through the host's handler too");
    }
}
