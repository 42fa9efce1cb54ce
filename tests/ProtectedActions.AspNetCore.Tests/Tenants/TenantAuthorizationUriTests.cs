using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Tenants;

/// <summary>
/// The Entra challenge's <c>authorization_uri</c> per tenant: each tenant's stored document has its own
/// <c>settings.authorizationUri</c>, and the real JwtBearer + authorization handler + result handler write it into the
/// <c>WWW-Authenticate</c> header of that tenant's 401. A tenant without one gets the default; a value that could break
/// out of the quoted header parameter is refused on write and, stored around the validating API, denies the tenant
/// instead of reaching a header.
/// </summary>
public sealed class TenantAuthorizationUriTests
{
    private const string TenantA = "aaaaaaaa-1111-4000-8000-00000000000a";
    private const string TenantB = "bbbbbbbb-2222-4000-8000-00000000000b";
    private const string TenantC = "cccccccc-3333-4000-8000-00000000000c";
    private const string UriA = "https://login.microsoftonline.com/aaaaaaaa-1111-4000-8000-00000000000a/oauth2/v2.0/authorize";
    private const string UriB = "https://login.contoso-b.example/tenant-b/authorize?prompt=login";
    private const string DefaultUri = "https://login.microsoftonline.com/common/oauth2/authorize";
    private const string HostDefaultUri = "https://login.microsoftonline.com/host-default/oauth2/v2.0/authorize";

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private HttpClient? _client;

    private static ProtectedActionsOptions TenantDocument(string? authorizationUri)
    {
        var o = new ProtectedActionsOptions();
        TestScenario.Configure(o);
        if (authorizationUri is not null)
        {
            o.Settings.AuthorizationUri = authorizationUri;
        }

        return o;
    }

    private async Task<MemoryStore> StartAsync(UnconfiguredTenantBehavior unconfigured = UnconfiguredTenantBehavior.Deny)
    {
        var store = new MemoryStore();
        store.Seed(TenantA, TenantDocument(UriA));
        store.Seed(TenantB, TenantDocument(UriB));
        store.Seed(TenantC, TenantDocument(null));

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
            o.TokenValidationParameters = new TokenValidationParameters { ValidIssuer = TestTokens.Issuer, ValidAudience = TestTokens.Audience, IssuerSigningKey = TestTokens.Key });
        builder.Services.AddSingleton<IDeviceInformationProvider, TestDevices>();
        builder.Services.AddProtectedActions(o =>
            {
                TestScenario.Configure(o);
                o.Settings.AuthorizationUri = HostDefaultUri;
            })
            .AddAspNetCore()
            .AddConfigurationStore(_ => store, o => o.UnconfiguredTenants = unconfigured);
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapDelete("/things", () => "deleted").RequireProtectedAction(TestScenario.Delete);
        await _app.StartAsync();
        _client = _app.GetTestClient();
        return store;
    }

    [TearDown]
    public async Task TearDown()
    {
        _tokens.Clear();
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// Sends DELETE /things with a password sign-in of <paramref name="tenant"/> (cp1 capable, so the Entra challenge
    /// applies). One token per tenant and test: the same sign-in presented again is challenged again, whereas a newer
    /// token without a new sign-in would be a failed step-up for the no-loop rule.
    /// </summary>
    private async Task<HttpResponseMessage> DeleteAsync(string tenant)
    {
        if (!_tokens.TryGetValue(tenant, out var token))
        {
            // Each tenant's user has its own object id, as in Entra (the no-loop rule remembers challenges per user).
            token = TestTokens.Create(amr: ["pwd"], clientCapabilities: ["cp1"],
                extra: new Dictionary<string, object> { ["tid"] = tenant, ["oid"] = "0000" + tenant[4..], ["sub"] = "sub-" + tenant });
            _tokens[tenant] = token;
        }

        using var request = new HttpRequestMessage(HttpMethod.Delete, "/things");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await _client!.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>The <c>authorization_uri</c> parameter of the one Entra challenge of <paramref name="response"/>.</summary>
    private static string AuthorizationUri(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        var entra = TestApi.WwwAuthenticate(response).Should().ContainSingle(c => c.Contains("authorization_uri=", StringComparison.Ordinal)).Subject;
        var start = entra.IndexOf("authorization_uri=\"", StringComparison.Ordinal) + "authorization_uri=\"".Length;
        return entra[start..entra.IndexOf('"', start)];
    }

    [Test]
    public async Task Two_tenants_get_their_own_authorization_uri_and_a_tenant_without_one_gets_the_default()
    {
        await StartAsync();

        AuthorizationUri(await DeleteAsync(TenantA)).Should().Be(UriA);
        AuthorizationUri(await DeleteAsync(TenantB)).Should().Be(UriB);
        AuthorizationUri(await DeleteAsync(TenantC)).Should().Be(DefaultUri, "a stored document without authorizationUri gets the library's default");
        AuthorizationUri(await DeleteAsync(TenantA)).Should().Be(UriA, "the cached tenant keeps its own");
    }

    [Test]
    public async Task An_unconfigured_tenant_falling_back_to_the_registered_configuration_gets_its_authorization_uri()
    {
        await StartAsync(UnconfiguredTenantBehavior.UseDefaultConfiguration);

        AuthorizationUri(await DeleteAsync("dddddddd-4444-4000-8000-00000000000d")).Should().Be(HostDefaultUri);
        AuthorizationUri(await DeleteAsync(TenantB)).Should().Be(UriB);
    }

    [Test]
    public async Task Locked_out_user_of_each_tenant_is_sent_to_that_tenants_authorization_endpoint_with_the_c1_claims()
    {
        await StartAsync();

        foreach (var (tenant, uri) in new[] { (TenantA, UriA), (TenantB, UriB) })
        {
            var response = await DeleteAsync(tenant);
            AuthorizationUri(response).Should().Be(uri);
            var entra = TestApi.WwwAuthenticate(response).Single(c => c.Contains("authorization_uri=", StringComparison.Ordinal));
            entra.Should().Contain("error=\"insufficient_claims\"").And.Contain("claims=\"");
        }
    }

    [Test]
    public async Task A_change_of_a_tenants_authorization_uri_through_the_manager_applies_to_that_tenant_only()
    {
        await StartAsync();
        AuthorizationUri(await DeleteAsync(TenantA)).Should().Be(UriA);
        AuthorizationUri(await DeleteAsync(TenantB)).Should().Be(UriB);
        var manager = _app!.Services.GetRequiredService<IProtectedActionsConfigurationManager>();

        const string Moved = "https://login.microsoftonline.com/aaaaaaaa-1111-4000-8000-00000000000a/oauth2/v2.0/authorize?moved=1";
        var result = await manager.WriteAsync(new ConfigurationWrite(TenantA, 1, TenantDocument(Moved), new ConfigurationActor("admin")));

        result.Status.Should().Be(ConfigurationWriteStatus.Committed);
        AuthorizationUri(await DeleteAsync(TenantA)).Should().Be(Moved);
        AuthorizationUri(await DeleteAsync(TenantB)).Should().Be(UriB);
    }

    /// <summary>Values that would break out of the quoted parameter, add a header, or point somewhere unsafe (named, since some hold control characters).</summary>
    private static IEnumerable<TestCaseData> HeaderBreakingValues() =>
        new (string Name, string Value)[]
        {
            ("quote-adds-a-parameter", "https://evil.example/authorize\", error_uri=\"https://evil.example/"),
            ("crlf-adds-a-header", "https://evil.example/authorize\r\nX-Injected: 1"),
            ("trailing-lf", "https://evil.example/authorize\n"),
            ("space-and-claims", "https://evil.example/author ize, claims=\"e30=\""),
            ("backslash-quote", "https://evil.example/authorize\\\""),
            ("nul", "https://evil.example/authorize\u0000"),
            ("non-ascii", "https://evil.example/authoriz\u00e9"),
            ("plain-http", "http://evil.example/authorize"),
            ("javascript", "javascript:alert(1)"),
            ("relative", "/relative/authorize"),
            ("user-info", "https://user:pass@evil.example/authorize"),
            ("fragment", "https://evil.example/authorize#fragment"),
            ("empty", ""),
        }.Select(c => new TestCaseData(c.Value).SetArgDisplayNames(c.Name));

    [TestCaseSource(nameof(HeaderBreakingValues))]
    public async Task Attacker_a_tenant_authorization_uri_that_could_break_the_header_is_refused_on_write_and_nothing_is_stored(string value)
    {
        var store = await StartAsync();
        var manager = _app!.Services.GetRequiredService<IProtectedActionsConfigurationManager>();

        var result = await manager.WriteAsync(new ConfigurationWrite(TenantA, 1, TenantDocument(value), new ConfigurationActor("admin")));

        result.Status.Should().Be(ConfigurationWriteStatus.Invalid);
        result.Issues.Should().Contain(i => i.Code == IssueCodes.InvalidAuthorizationUri && i.Path.EndsWith(":authorizationUri", StringComparison.OrdinalIgnoreCase));
        store.Writes.Should().Be(0);
        AuthorizationUri(await DeleteAsync(TenantA)).Should().Be(UriA, "the tenant's valid value stays in force");
    }

    [TestCaseSource(nameof(HeaderBreakingValues))]
    public async Task Attacker_a_header_breaking_authorization_uri_stored_around_the_api_denies_the_tenant_and_never_reaches_a_header(string value)
    {
        var store = await StartAsync();
        store.Seed("eeeeeeee-5555-4000-8000-00000000000e", TenantDocument(value));

        var response = await DeleteAsync("eeeeeeee-5555-4000-8000-00000000000e");

        response.StatusCode.Should().NotBe(HttpStatusCode.OK, "a tenant whose document does not compile is denied");
        response.StatusCode.Should().NotBe(HttpStatusCode.Unauthorized, "no challenge is built from the refused document");
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            header.Value.Should().NotContain(v => v.Contains("evil", StringComparison.Ordinal));
        }

        response.Headers.Contains("X-Injected").Should().BeFalse();
        AuthorizationUri(await DeleteAsync(TenantB)).Should().Be(UriB, "other tenants are unaffected");
    }

    /// <summary>A versioned in-memory store that counts writes; a fresh document per read, as a database gives.</summary>
    private sealed class MemoryStore : IProtectedActionsConfigurationStore
    {
        private readonly Dictionary<string, StoredConfiguration> _tenants = new(StringComparer.Ordinal);
        private int _writes;

        public int Writes => _writes;

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
                return Task.FromResult(_tenants.TryGetValue(tenantId, out var s) ? s : null);
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
            Interlocked.Increment(ref _writes);
            var validation = ProtectedActionsConfiguration.Validate(write.Document);
            if (!validation.IsValid)
            {
                return Task.FromResult(ConfigurationWriteResult.Invalid(validation.Errors.ToArray()));
            }

            lock (_tenants)
            {
                var current = _tenants.TryGetValue(write.TenantId, out var s) ? s.Version : 0;
                if (current != write.ExpectedVersion)
                {
                    return Task.FromResult(ConfigurationWriteResult.Conflict(current));
                }

                _tenants[write.TenantId] = new StoredConfiguration(write.TenantId, current + 1, write.Document, DateTimeOffset.UnixEpoch);
                return Task.FromResult(ConfigurationWriteResult.Committed(current + 1));
            }
        }

        public Task<IReadOnlyList<ConfigurationAuditEntry>> ReadAuditAsync(string tenantId, int maxEntries, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ConfigurationAuditEntry>>([]);
    }
}
