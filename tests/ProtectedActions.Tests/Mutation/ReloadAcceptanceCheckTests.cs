using ProtectedActions.Compilation;
using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// A reload must pass every <see cref="IProtectedActionsConfigurationCheck"/>: whatever severity a check reports,
/// it refuses the reload as an error, all refusals are reported, and the last good snapshot stays in force.
/// </summary>
public class ReloadAcceptanceCheckTests
{
    private const string Root = "ProtectedActions";
    private const string Billing = "contoso.billing/invoices/approve";

    private sealed class RecordingCheck(params ConfigurationIssue[] refusals) : IProtectedActionsConfigurationCheck
    {
        public List<string?> Seen { get; } = [];

        public IReadOnlyList<ConfigurationIssue> Check(ProtectedActionsConfigurationView configuration)
        {
            Seen.Add(configuration.FindAuthenticationContext(Billing));
            return refusals;
        }
    }

    private static SnapshotHolder Holder() => new(SnapshotCompiler.Compile(Fixtures.Seed(), Root, Fixtures.Now, out _)!);

    /// <summary>The seed plus an assignment of <see cref="Billing"/>, so a check can tell the candidate from the active snapshot.</summary>
    private static ProtectedActionsOptions Candidate()
    {
        var o = Fixtures.Seed();
        o.ProtectedActions.Add(new() { Permission = Billing, AuthenticationContextId = "c1" });
        return o;
    }

    [Test]
    public void A_warning_from_a_check_refuses_the_reload_as_an_error_and_the_last_good_snapshot_stays()
    {
        var holder = Holder();
        var before = holder.Current;
        var check = new RecordingCheck(new ConfigurationIssue(ConfigurationSeverity.Warning, "HOST1", "ProtectedActions:ProtectedActions", "endpoint permission not mapped"));

        holder.TryReload(Candidate(), Root, Fixtures.Now, out var issues, [check]).Should().BeFalse();

        check.Seen.Should().Equal(["c1"], "the check is shown the candidate configuration, which maps the billing permission");
        var expected = new ConfigurationIssue(ConfigurationSeverity.Error, "HOST1", "ProtectedActions:ProtectedActions", "endpoint permission not mapped");
        issues.Should().ContainSingle().Which.Should().BeEquivalentTo(expected);
        holder.LastReloadErrors.Should().ContainSingle().Which.Should().BeEquivalentTo(expected);
        holder.Current.Should().BeSameAs(before);
        holder.Current.Find(Billing).Should().BeNull();
    }

    [Test]
    public void Every_refusal_of_every_check_is_reported_in_order()
    {
        var holder = Holder();
        var first = new ConfigurationIssue(ConfigurationSeverity.Error, "HOST1", "a", "first");
        var second = new ConfigurationIssue(ConfigurationSeverity.Information, "HOST2", "b", "second");
        var third = new ConfigurationIssue(ConfigurationSeverity.Error, "HOST3", "c", "third");

        holder.TryReload(Candidate(), Root, Fixtures.Now, out var issues, [new RecordingCheck(first, second), new RecordingCheck(), new RecordingCheck(third)]).Should().BeFalse();

        var expected = new[] { (ConfigurationSeverity.Error, "HOST1", "a", "first"), (ConfigurationSeverity.Error, "HOST2", "b", "second"), (ConfigurationSeverity.Error, "HOST3", "c", "third") };
        issues.Select(i => (i.Severity, i.Code, i.Path, i.Message)).Should().Equal(expected);
        holder.LastReloadErrors.Select(i => (i.Severity, i.Code, i.Path, i.Message)).Should().Equal(expected);
    }

    [Test]
    public void Checks_that_report_nothing_accept_the_reload_and_clear_an_earlier_refusal()
    {
        var holder = Holder();
        holder.TryReload(Candidate(), Root, Fixtures.Now, out _, [new RecordingCheck(new ConfigurationIssue(ConfigurationSeverity.Error, "HOST1", "a", "no"))]).Should().BeFalse();
        holder.LastReloadErrors.Should().NotBeEmpty();

        var accepting = new RecordingCheck();
        holder.TryReload(Candidate(), Root, Fixtures.Now, out var issues, [accepting]).Should().BeTrue();

        accepting.Seen.Should().Equal(["c1"]);
        issues.Should().NotContain(i => i.Severity == ConfigurationSeverity.Error);
        holder.LastReloadErrors.Should().BeEmpty();
        holder.Current.Find(Billing)!.Context.Id.Should().Be("c1");
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Without_checks_a_valid_reload_is_accepted(bool emptyList)
    {
        var holder = Holder();

        holder.TryReload(Candidate(), Root, Fixtures.Now, out _, emptyList ? [] : null).Should().BeTrue();

        holder.Current.Find(Billing)!.Context.Id.Should().Be("c1");
    }

    [Test]
    public void An_invalid_configuration_is_refused_without_consulting_the_checks()
    {
        var holder = Holder();
        var before = holder.Current;
        var check = new RecordingCheck();
        var invalid = Candidate();
        invalid.Settings.ClockSkew = TimeSpan.FromHours(2);

        holder.TryReload(invalid, Root, Fixtures.Now, out var issues, [check]).Should().BeFalse();

        check.Seen.Should().BeEmpty();
        holder.LastReloadErrors.Should().ContainSingle().Which.Code.Should().Be(IssueCodes.InvalidClockSkew);
        issues.Should().Contain(i => i.Code == IssueCodes.InvalidClockSkew);
        holder.Current.Should().BeSameAs(before);
    }
}
