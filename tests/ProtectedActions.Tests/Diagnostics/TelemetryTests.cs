using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Diagnostics;

public class TelemetryTests
{
    private static ServiceProvider Build(FakeLogCollector? logs = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock());
        services.AddMetrics();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs ?? new FakeLogCollector())));
        services.AddProtectedActions(o =>
        {
            var seed = Seed();
            o.AuthenticationContexts = seed.AuthenticationContexts;
            o.ProtectedActions = seed.ProtectedActions;
            o.ConditionalAccessPolicies = seed.ConditionalAccessPolicies;
            o.EmergencyAccessAccounts = seed.EmergencyAccessAccounts;
            o.Settings = seed.Settings;
        });
        return services.BuildServiceProvider();
    }

    [Test]
    public void Telemetry_names_are_public_constants()
    {
        ProtectedActionsTelemetry.MeterName.Should().Be("ProtectedActions");
        ProtectedActionsTelemetry.ActivitySourceName.Should().Be("ProtectedActions");
    }

    [Test]
    public async Task Decisions_are_counted_by_outcome_and_context()
    {
        using var sp = Build();
        using var collector = new MetricCollector<long>(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            ProtectedActionsTelemetry.MeterName, ProtectedActionsTelemetry.DecisionsCounterName);
        var e = sp.GetRequiredService<IProtectedActionEvaluator>();
        await e.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Password()));
        await e.EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Fido2()));
        await e.EvaluateAsync(new("contoso.app/things/read", Fido2()));
        var m = collector.GetMeasurementSnapshot();
        m.Should().HaveCount(3);
        m[0].Tags["outcome"].Should().Be("stepUpRequired");
        m[0].Tags["context"].Should().Be("c1");
        m[1].Tags["outcome"].Should().Be("allowed");
        m[2].Tags["context"].Should().Be("none");
    }

    [Test]
    public async Task Duration_is_recorded()
    {
        using var sp = Build();
        using var collector = new MetricCollector<double>(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            ProtectedActionsTelemetry.MeterName, ProtectedActionsTelemetry.DurationHistogramName);
        await sp.GetRequiredService<IProtectedActionEvaluator>().EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Password()));
        collector.GetMeasurementSnapshot().Should().ContainSingle().Which.Value.Should().BeGreaterThanOrEqualTo(0);
    }

    [Test]
    public async Task Step_up_is_audited_once_without_claim_values()
    {
        var logs = new FakeLogCollector();
        using var sp = Build(logs);
        await sp.GetRequiredService<IProtectedActionEvaluator>().EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Password()));
        var audit = logs.GetSnapshot().Where(r => r.Id.Id == 2000).Should().ContainSingle().Subject;
        audit.Message.Should().Contain(KnownPermissions.ConditionalAccessPoliciesCreate).And.Contain("stepUpRequired").And.Contain("p1");
        audit.Message.Should().NotContain(Alice);
    }

    [Test]
    public async Task Allowed_protected_actions_are_audited_with_what_satisfied_them()
    {
        var logs = new FakeLogCollector();
        using var sp = Build(logs);
        await sp.GetRequiredService<IProtectedActionEvaluator>().EvaluateAsync(new(KnownPermissions.ConditionalAccessPoliciesCreate, Fido2()));
        var audit = logs.GetSnapshot().Where(r => r.Id.Id == 2000).Should().ContainSingle().Subject;
        audit.Message.Should().Contain(KnownPermissions.ConditionalAccessPoliciesCreate).And.Contain("allowed").And.Contain("satisfied by policies");
        audit.Message.Should().NotContain(Alice);
    }

    [Test]
    public async Task Permissions_that_no_context_protects_are_not_audited()
    {
        var logs = new FakeLogCollector();
        using var sp = Build(logs);
        await sp.GetRequiredService<IProtectedActionEvaluator>().EvaluateAsync(new("contoso.app/things/read", Fido2()));
        logs.GetSnapshot().Should().NotContain(r => r.Id.Id == 2000);
    }
}
