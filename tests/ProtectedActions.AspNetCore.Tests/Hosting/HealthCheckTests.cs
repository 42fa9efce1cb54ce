using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProtectedActions.AspNetCore.Tests.Hosting;

/// <summary>The configuration health check: healthy, then degraded after a refused reload.</summary>
public sealed class HealthCheckTests
{
    [Test]
    public async Task Healthy_until_a_reload_is_refused_then_degraded_without_disclosing_values()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ProtectedActions:AuthenticationContexts:0:id"] = "c1",
            ["ProtectedActions:ProtectedActions:0:permission"] = "contoso.test/things/create",
            ["ProtectedActions:ProtectedActions:0:authenticationContextId"] = "c1",
            ["ProtectedActions:Settings:TrustedIssuers:0"] = ProtectedActions.AspNetCore.Tests.Infrastructure.TestTokens.Issuer,
        });
        builder.Services.AddProtectedActions(builder.Configuration.GetSection("ProtectedActions")).AddAspNetCore();
        builder.Services.AddHealthChecks().AddProtectedActions();
        await using var app = builder.Build();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes = { [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
            ResponseWriter = (ctx, report) => ctx.Response.WriteAsync(JsonSerializer.Serialize(report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                e.Value.Description,
                data = e.Value.Data.ToDictionary(d => d.Key, d => d.Value.ToString()),
            }))),
        });
        await app.StartAsync();
        using var client = app.GetTestClient();

        var healthy = await client.GetAsync("/health");
        healthy.StatusCode.Should().Be(HttpStatusCode.OK);
        (await healthy.Content.ReadAsStringAsync()).Should().Contain("\"status\":\"Healthy\"");

        // An invalid reload (context id c100) is refused; the last good configuration stays in force.
        var root = (IConfigurationRoot)app.Configuration;
        root["ProtectedActions:AuthenticationContexts:0:id"] = "c100";
        root.Reload();

        var degraded = await client.GetAsync("/health");
        degraded.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var body = await degraded.Content.ReadAsStringAsync();
        body.Should().Contain("\"status\":\"Degraded\"").And.Contain("PA1001").And.NotContain("c100");
    }
}
