using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// Not-protected decisions are cached per permission to keep the common path allocation-free, but the cache is
/// bounded (1,024 permissions of at most 512 characters) so callers cannot grow it without limit by asking for
/// ever new permission strings. A cached decision is returned as the same instance, which makes the bound visible.
/// </summary>
public class NotProtectedCacheBoundTests
{
    private static IProtectedActionEvaluator Evaluator() => ProtectedActionEvaluator.Create(Fixtures.Seed(), Fixtures.Clock());

    private static ProtectedActionDecision Evaluate(IProtectedActionEvaluator evaluator, string permission) =>
        evaluator.EvaluateAsync(new ProtectedActionRequest(permission, Fixtures.Fido2())).AsTask().GetAwaiter().GetResult();

    private static string Permission(int length) => "contoso.app/" + new string('x', length - "contoso.app/".Length - "/read".Length) + "/read";

    [Test]
    public void A_not_protected_permission_is_answered_from_the_cache_the_second_time()
    {
        var evaluator = Evaluator();

        var first = Evaluate(evaluator, "contoso.app/things/read");
        var again = Evaluate(evaluator, "CONTOSO.APP/things/READ");

        first.IsAllowed.Should().BeTrue();
        first.SatisfiedBy.Should().Be(SatisfiedBy.NotProtected);
        again.Should().BeSameAs(first);
    }

    [Test]
    public void A_permission_of_512_characters_is_cached_and_a_longer_one_is_not()
    {
        var evaluator = Evaluator();
        var at = Permission(512);
        var over = Permission(513);
        at.Length.Should().Be(512);

        Evaluate(evaluator, at).Should().BeSameAs(Evaluate(evaluator, at));
        var a = Evaluate(evaluator, over);
        var b = Evaluate(evaluator, over);
        b.Should().NotBeSameAs(a);
        b.Permission.Should().Be(over);
        b.SatisfiedBy.Should().Be(SatisfiedBy.NotProtected);
    }

    [Test]
    public void Attacker_cannot_grow_the_cache_beyond_1024_permissions()
    {
        var evaluator = Evaluator();
        for (var i = 0; i < 1024; i++)
        {
            Evaluate(evaluator, $"contoso.app/item{i}/read");
        }

        // The 1,024 remembered ones stay cached; the next new permission is answered but not remembered.
        Evaluate(evaluator, "contoso.app/item0/read").Should().BeSameAs(Evaluate(evaluator, "contoso.app/item0/read"));
        Evaluate(evaluator, "contoso.app/item1023/read").Should().BeSameAs(Evaluate(evaluator, "contoso.app/item1023/read"));
        var first = Evaluate(evaluator, "contoso.app/item1024/read");
        var second = Evaluate(evaluator, "contoso.app/item1024/read");
        second.Should().NotBeSameAs(first);
        second.IsAllowed.Should().BeTrue();
    }
}
