using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProtectedActions.AspNetCore.Tests.Infrastructure;
using ProtectedActions.Testing;

namespace ProtectedActions.AspNetCore.Tests.WebApps;

/// <summary><see cref="ProtectedActionStepUpNavigator"/>: checks for the circuit's user and navigates to the step-up endpoint only for a step-up.</summary>
public sealed class BlazorNavigatorTests
{
    [Test]
    public async Task Locked_out_user_is_navigated_with_a_full_page_load_to_the_step_up_endpoint_returning_to_the_page()
    {
        var (navigator, navigation) = Create(User(["pwd"]), "https://app.test/app/", "https://app.test/app/invoices/7?tab=approve");

        var decision = await navigator.EnsureAsync(TestScenario.Create);

        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        navigation.Navigations.Should().ContainSingle().Which.Should().Be(
            ("/app/protected-actions/step-up?context=c1&returnUrl=%2Fapp%2Finvoices%2F7%3Ftab%3Dapprove", true));
    }

    [Test]
    public async Task Allowed_users_are_not_navigated()
    {
        var (navigator, navigation) = Create(User(["fido"]), "https://app.test/", "https://app.test/invoices/7");

        var decision = await navigator.EnsureAsync(TestScenario.Create);

        decision.IsAllowed.Should().BeTrue();
        navigation.Navigations.Should().BeEmpty();
    }

    [Test]
    public async Task Denied_users_are_not_navigated_and_get_the_denial_to_show()
    {
        var (navigator, navigation) = Create(User(["fido"], TestScenario.NonCompliantDevice), "https://app.test/", "https://app.test/vendors");

        var decision = await navigator.EnsureAsync(TestScenario.Workstation);

        decision.Outcome.Should().Be(ProtectedActionOutcome.Denied);
        navigator.GetStepUpUrl(decision).Should().BeNull();
        navigation.Navigations.Should().BeEmpty();
    }

    [Test]
    public async Task A_stale_sign_in_carries_max_age_and_check_never_navigates()
    {
        var (navigator, navigation) = Create(User(["fido"], age: TimeSpan.FromHours(2)), "https://app.test/", "https://app.test/invoices");

        var decision = await navigator.CheckAsync(TestScenario.Create);

        decision.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        navigation.Navigations.Should().BeEmpty();
        navigator.GetStepUpUrl(decision).Should().Be("/protected-actions/step-up?context=c1&returnUrl=%2Finvoices&maxAge=3600");
    }

    [Test]
    public async Task Attacker_with_two_authenticated_identities_is_evaluated_with_no_claims()
    {
        var fido = User(["fido"]);
        var principal = new ClaimsPrincipal(fido.Identities.Concat(User(["fido"]).Identities));
        var (navigator, _) = Create(principal, "https://app.test/", "https://app.test/invoices");

        var decision = await navigator.CheckAsync(TestScenario.Create);

        decision.IsAllowed.Should().BeFalse();
    }

    private static ClaimsPrincipal User(string[] amr, string? deviceId = null, TimeSpan? age = null)
    {
        var token = new EntraTokenBuilder().WithIssuer(TestTokens.Issuer).WithAudience(WebAppHost.ClientId).WithAmr(amr)
            .AuthenticatedAt(TimeProvider.System.GetUtcNow() - (age ?? TimeSpan.FromMinutes(1)));
        if (deviceId is not null)
        {
            token.FromDevice(deviceId);
        }

        return token.BuildPrincipal();
    }

    private static (ProtectedActionStepUpNavigator Navigator, RecordingNavigationManager Navigation) Create(ClaimsPrincipal user, string baseUri, string uri)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDeviceInformationProvider, TestDevices>();
        services.AddProtectedActions(TestScenario.Configure).AddAspNetCore();
        var provider = services.BuildServiceProvider();
        var navigation = new RecordingNavigationManager(baseUri, uri);
        var navigator = new ProtectedActionStepUpNavigator(provider.GetRequiredService<IProtectedActionEvaluator>(), new FixedAuthenticationState(user),
            navigation, provider.GetRequiredService<IOptionsMonitor<ProtectedActionsWebAppOptions>>());
        return (navigator, navigation);
    }

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    private sealed class RecordingNavigationManager : NavigationManager
    {
        public RecordingNavigationManager(string baseUri, string uri) => Initialize(baseUri, uri);

        public List<(string Uri, bool ForceLoad)> Navigations { get; } = [];

        protected override void NavigateToCore(string uri, NavigationOptions options) => Navigations.Add((uri, options.ForceLoad));
    }
}
