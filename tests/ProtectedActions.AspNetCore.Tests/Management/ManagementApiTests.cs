using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Management;

/// <summary>
/// The management endpoints over an in-memory store: the administrator role (403 without it), the management
/// protected action (401 with the c1 challenge without step-up), ETag/If-Match (412), validation (422) and audit.
/// </summary>
public sealed class ManagementApiTests
{
    private const string Prefix = "/protected-actions/admin";
    private static readonly Dictionary<string, object> s_admin = new() { ["wids"] = new[] { "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9" }, ["name"] = "Ada Admin" };

    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private MemoryStore _store = null!;

    private static void Configure(ProtectedActionsOptions o)
    {
        TestScenario.Configure(o);
        o.ProtectedActions.Add(new ProtectedActionAssignment { Permission = KnownPermissions.ProtectedActionsManagement, AuthenticationContextId = "c1" });
    }

    [SetUp]
    public async Task SetUp()
    {
        _store = new MemoryStore();
        var seed = new ProtectedActionsOptions();
        Configure(seed);
        _store.Seed(TestTokens.TenantId, seed);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
            o.TokenValidationParameters = new TokenValidationParameters { ValidIssuer = TestTokens.Issuer, ValidAudience = TestTokens.Audience, IssuerSigningKey = TestTokens.Key });
        builder.Services.AddSingleton<IDeviceInformationProvider, TestDevices>();
        builder.Services.AddProtectedActions(Configure).AddAspNetCore().AddConfigurationStore(_ => _store, o => o.PollInterval = TimeSpan.FromMilliseconds(100));
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapDelete("/things", () => "deleted").RequireProtectedAction(TestScenario.Delete);
        _app.MapProtectedActionsManagement(Prefix);
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    [TearDown]
    public async Task TearDown()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, string? ifMatch = null, string? body = null)
    {
        using var request = new HttpRequestMessage(method, Prefix + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await _client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static string AdminWithStepUp() => TestTokens.Create(amr: ["fido"], clientCapabilities: ["cp1"], extra: s_admin);

    private static string AdminWithoutStepUp() => TestTokens.Create(amr: ["pwd"], clientCapabilities: ["cp1"], extra: s_admin);

    [Test]
    public async Task An_administrator_lists_permissions_with_their_context_and_an_etag()
    {
        var response = await SendAsync(HttpMethod.Get, "/permissions", AdminWithoutStepUp());
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.Should().Be("\"v1\"");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("value").EnumerateArray()
            .Should().Contain(e => e.GetProperty("permission").GetString() == TestScenario.Delete && e.GetProperty("authenticationContextId").GetString() == "c1");
        (await SendAsync(HttpMethod.Get, "/contexts", AdminWithoutStepUp())).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Attacker_without_an_administrator_role_gets_403_even_with_step_up()
    {
        var token = TestTokens.Create(amr: ["fido"], clientCapabilities: ["cp1"]);
        var write = await SendAsync(HttpMethod.Delete, "/permissions/" + TestScenario.Delete, token, "\"v1\"");
        write.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        TestApi.WwwAuthenticate(write).Should().BeEmpty();
        (await SendAsync(HttpMethod.Get, "/audit", token)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        _store.Version(TestTokens.TenantId).Should().Be(1);
    }

    [Test]
    public async Task Attacker_an_administrator_without_step_up_gets_401_with_the_c1_challenge_and_nothing_changes()
    {
        var response = await SendAsync(HttpMethod.Put, "/permissions/contoso.test/things/read", AdminWithoutStepUp(), "\"v1\"", """{"authenticationContextId":"c1"}""");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var challenge = TestApi.WwwAuthenticate(response);
        challenge.Should().ContainSingle(c => c.Contains("insufficient_claims", StringComparison.Ordinal));
        var claims = challenge.Single(c => c.Contains("claims=", StringComparison.Ordinal));
        var encoded = claims[(claims.IndexOf("claims=\"", StringComparison.Ordinal) + 8)..].TrimEnd('"').Split('"')[0];
        Encoding.UTF8.GetString(Convert.FromBase64String(encoded)).Should().Contain("\"c1\"");
        _store.Version(TestTokens.TenantId).Should().Be(1);
    }

    [Test]
    public async Task An_administrator_with_step_up_assigns_and_the_change_is_applied_and_audited()
    {
        var response = await SendAsync(HttpMethod.Put, "/permissions/contoso.test/things/read", AdminWithStepUp(), "\"v1\"", """{"authenticationContextId":"c1"}""");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Headers.ETag!.Tag.Should().Be("\"v2\"");
        _store.Version(TestTokens.TenantId).Should().Be(2);
        _store.Last!.Actor.ObjectId.Should().Be(TestTokens.UserId);
        _store.Last.Actor.DisplayName.Should().Be("Ada Admin");
        var evaluator = _app.Services.GetRequiredService<IProtectedActionEvaluator>();
        var decision = await evaluator.EvaluateAsync(new ProtectedActionRequest("contoso.test/things/read", new SignInContext { TenantId = TestTokens.TenantId, AuthenticationMethodReferences = ["pwd"] }));
        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired, "the writing instance applies the change at once");
    }

    [Test]
    public async Task Attacker_a_write_without_or_with_a_stale_if_match_gets_412()
    {
        (await SendAsync(HttpMethod.Delete, "/permissions/" + TestScenario.Create, AdminWithStepUp())).StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await SendAsync(HttpMethod.Delete, "/permissions/" + TestScenario.Create, AdminWithStepUp(), "\"v0\"")).StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await SendAsync(HttpMethod.Delete, "/permissions/" + TestScenario.Create, AdminWithStepUp(), "*")).StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        _store.Version(TestTokens.TenantId).Should().Be(1);
    }

    [Test]
    public async Task Attacker_unassigning_a_permission_an_endpoint_declares_is_refused_with_422()
    {
        var response = await SendAsync(HttpMethod.Delete, "/permissions/" + TestScenario.Delete, AdminWithStepUp(), "\"v1\"");
        response.StatusCode.Should().Be((HttpStatusCode)422);
        (await response.Content.ReadAsStringAsync()).Should().Contain(TestScenario.Delete);
        _store.Version(TestTokens.TenantId).Should().Be(1);
    }

    [Test]
    public async Task Attacker_assigning_an_undefined_context_is_refused_with_path_message_errors()
    {
        var response = await SendAsync(HttpMethod.Put, "/permissions/contoso.test/things/read", AdminWithStepUp(), "\"v1\"", """{"authenticationContextId":"c9"}""");
        response.StatusCode.Should().Be((HttpStatusCode)422);
        (await response.Content.ReadAsStringAsync()).Should().Contain("ProtectedActions:ProtectedActions[").And.Contain("(PA1011)");
        _store.Version(TestTokens.TenantId).Should().Be(1);
    }

    [Test]
    public async Task Locked_out_user_an_administrator_can_read_the_audit_trail_without_step_up()
    {
        await SendAsync(HttpMethod.Put, "/permissions/contoso.test/things/read", AdminWithStepUp(), "\"v1\"", """{"authenticationContextId":"c1"}""");
        var audit = await SendAsync(HttpMethod.Get, "/audit", AdminWithoutStepUp());
        audit.StatusCode.Should().Be(HttpStatusCode.OK);
        (await audit.Content.ReadAsStringAsync()).Should().Contain(TestTokens.UserId);
    }

    /// <summary>A versioned in-memory store (the EF Core store is tested in its own project).</summary>
    private sealed class MemoryStore : IProtectedActionsConfigurationStore
    {
        private readonly Dictionary<string, StoredConfiguration> _tenants = new(StringComparer.Ordinal);
        private readonly List<ConfigurationAuditEntry> _audit = [];

        public ConfigurationWrite? Last { get; private set; }

        public long Version(string tenant)
        {
            lock (_tenants)
            {
                return _tenants.TryGetValue(tenant, out var s) ? s.Version : 0;
            }
        }

        public void Seed(string tenant, ProtectedActionsOptions document)
        {
            lock (_tenants)
            {
                _tenants[tenant] = new StoredConfiguration(tenant, 1, document, DateTimeOffset.UnixEpoch);
            }
        }

        public Task<StoredConfiguration?> ReadAsync(string tenantId, CancellationToken cancellationToken = default)
        {
            lock (_tenants)
            {
                // A fresh document per read, as a database gives.
                return Task.FromResult(_tenants.TryGetValue(tenantId, out var s)
                    ? new StoredConfiguration(tenantId, s.Version, ProtectedActionsDocument.Parse(ProtectedActionsDocument.Serialize(s.Document)).Options, s.UpdatedAt)
                    : null);
            }
        }

        public Task<IReadOnlyDictionary<string, long>> ReadVersionsAsync(IReadOnlyCollection<string> tenantIds, CancellationToken cancellationToken = default)
        {
            lock (_tenants)
            {
                return Task.FromResult<IReadOnlyDictionary<string, long>>(tenantIds.Where(_tenants.ContainsKey).ToDictionary(t => t, t => _tenants[t].Version));
            }
        }

        public Task<ConfigurationWriteResult> WriteAsync(ConfigurationWrite write, CancellationToken cancellationToken = default)
        {
            if (!ProtectedActionsConfiguration.Validate(write.Document).IsValid)
            {
                return Task.FromResult(ConfigurationWriteResult.Invalid(ProtectedActionsConfiguration.Validate(write.Document).Errors.ToArray()));
            }

            lock (_tenants)
            {
                var current = _tenants.TryGetValue(write.TenantId, out var s) ? s.Version : 0;
                if (current != write.ExpectedVersion)
                {
                    return Task.FromResult(ConfigurationWriteResult.Conflict(current));
                }

                _tenants[write.TenantId] = new StoredConfiguration(write.TenantId, current + 1, write.Document, DateTimeOffset.UnixEpoch);
                Last = write;
                _audit.Add(new ConfigurationAuditEntry(write.TenantId, current + 1, DateTimeOffset.UnixEpoch, write.Actor.ObjectId, write.Actor.DisplayName, "test", "document", "", null, null));
                return Task.FromResult(ConfigurationWriteResult.Committed(current + 1));
            }
        }

        public Task<IReadOnlyList<ConfigurationAuditEntry>> ReadAuditAsync(string tenantId, int maxEntries, CancellationToken cancellationToken = default)
        {
            lock (_tenants)
            {
                return Task.FromResult<IReadOnlyList<ConfigurationAuditEntry>>(_audit.Where(a => a.TenantId == tenantId).Reverse().Take(maxEntries).ToArray());
            }
        }
    }
}
