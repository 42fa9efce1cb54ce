namespace ProtectedActions.Testing.Tests;

/// <summary>Keeps docs/testing.md truthful where it quotes the kit's output.</summary>
public sealed class DocsTests
{
    [Test]
    public void The_failure_message_quoted_in_the_guide_is_the_real_one()
    {
        var evaluator = new ProtectedActionsConfigurationBuilder()
            .AddContext("c1", "Strong auth")
            .Protect("contoso.billing/invoices/approve", "c1")
            .AddPolicy("p1", p => p.ForContext("c1").IncludeAllUsers().RequireStrength(BuiltInStrengths.PhishingResistant))
            .BuildEvaluator();
        var decision = evaluator.EvaluateAsync(new SignInBuilder().ToRequest("contoso.billing/invoices/approve")).AsTask().GetAwaiter().GetResult();

        var message = decision.Invoking(d => d.ShouldBeAllowed()).Should().Throw<ProtectedActionAssertionException>().Which.Message;

        var guide = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "testing.md")).ReplaceLineEndings("\n");
        guide.Should().Contain("```\n" + message.ReplaceLineEndings("\n") + "\n```");
    }

    [Test]
    public void The_package_readme_and_the_guide_exist_and_link_the_sample()
    {
        var root = RepositoryPaths.Root;
        File.ReadAllText(Path.Combine(root, "src", "ProtectedActions.Testing", "README.md")).Should().Contain("samples/ProtectedActions.Samples.Testing");
        File.ReadAllText(Path.Combine(root, "docs", "testing.md")).Should().Contain("samples/ProtectedActions.Samples.Testing");
        Directory.Exists(Path.Combine(root, "samples", "ProtectedActions.Samples.Testing")).Should().BeTrue();
    }
}
