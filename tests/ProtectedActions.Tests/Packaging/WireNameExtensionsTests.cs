using System.Text.RegularExpressions;

namespace ProtectedActions.Tests.Packaging;

/// <summary><c>Names</c> is internal; other packages and users get the same wire names through <c>ToWireName()</c>.</summary>
public class WireNameExtensionsTests
{
    [TestCase(ProtectedActionOutcome.Allowed, "allowed")]
    [TestCase(ProtectedActionOutcome.StepUpRequired, "stepUpRequired")]
    [TestCase(ProtectedActionOutcome.Denied, "denied")]
    public void Outcomes_have_their_decision_json_names(ProtectedActionOutcome outcome, string name) =>
        outcome.ToWireName().Should().Be(name);

    [Test]
    public void An_undefined_outcome_reads_as_denied() =>
        ((ProtectedActionOutcome)99).ToWireName().Should().Be("denied");

    [TestCase(SatisfiedBy.NotProtected, "notProtected")]
    [TestCase(SatisfiedBy.Token, "token")]
    [TestCase(SatisfiedBy.Policies, "policies")]
    [TestCase(SatisfiedBy.None, null)]
    public void Satisfied_by_has_its_decision_json_name_or_null(SatisfiedBy value, string? name) =>
        value.ToWireName().Should().Be(name);

    [TestCase(PolicyState.Enabled, "enabled")]
    [TestCase(PolicyState.Disabled, "disabled")]
    [TestCase(PolicyState.ReportOnly, "enabledForReportingButNotEnforced")]
    public void Policy_states_have_their_graph_names(PolicyState state, string name) =>
        state.ToWireName().Should().Be(name);

    [Test]
    public void Every_reason_has_a_distinct_camel_case_graph_name()
    {
        var names = Enum.GetValues<PolicyReason>().Select(r => r.ToWireName()).ToList();

        names.Should().OnlyHaveUniqueItems();
        names.Should().OnlyContain(n => Regex.IsMatch(n, "^[a-z][A-Za-z]+$", RegexOptions.None, TimeSpan.FromSeconds(1)));
        PolicyReason.AuthenticationContext.ToWireName().Should().Be("authenticationContext");
    }

    [Test]
    public void The_names_class_is_not_public() =>
        typeof(ProtectedActionEvaluator).Assembly.GetType("ProtectedActions.Names")!.IsPublic.Should().BeFalse();
}
