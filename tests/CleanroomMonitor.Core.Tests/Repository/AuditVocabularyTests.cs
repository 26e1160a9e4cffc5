using System.Text.RegularExpressions;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Core.Tests.Repository;

/// <summary>The audit vocabulary is one closed set in Core (issue 16): no source file outside its definition spells an
/// audit action or an excursion move as a string literal, so a reader cannot compare with a name nothing writes.</summary>
public sealed partial class AuditVocabularyTests
{
    private static readonly HashSet<string> Definitions = new(StringComparer.Ordinal)
    {
        Path.Combine("src", "CleanroomMonitor.Core", "Records", "AuditAction.cs"),
        Path.Combine("src", "CleanroomMonitor.Core", "Records", "AuditEntity.cs"),
        Path.Combine("src", "CleanroomMonitor.Core", "Excursions", "ExcursionAction.cs"),
        Path.Combine("src", "CleanroomMonitor.Core", "Excursions", "OutOfServiceAction.cs"),
    };

    [Fact]
    public void SourceFiles_SpellAnAuditActionAsALiteral_None()
    {
        var actions = AuditAction.All.Concat(ExcursionAction.All).Concat(OutOfServiceAction.All).ToHashSet(StringComparer.Ordinal);
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Root, file);
            if (Definitions.Contains(relative) || relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            {
                continue;
            }
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;   // a comment may name an action in prose
                }
                foreach (Match literal in StringLiteral().Matches(code))
                {
                    var text = literal.Groups["text"].Value;
                    // Short excursion moves are ordinary words ("closed" is also a process type): only where they name a move.
                    var isMove = ExcursionAction.All.Contains(text) || OutOfServiceAction.All.Contains(text);
                    if (actions.Contains(text) && (!isMove || MoveContext().IsMatch(code[..literal.Index])))
                    {
                        found.Add($"{relative}:{i + 1}: {literal.Value}");
                    }
                }
            }
        }

        Assert.True(found.Count == 0, "Audit actions spelled as literals outside Core's definition:\n" + string.Join('\n', found));
    }

    [Fact]
    public void AuditActions_AllNamesDistinctAndDotted()
    {
        Assert.All(AuditAction.All, a => Assert.Matches("^[a-z]+\\.[a-z-]+$", a));
        Assert.Contains("excursion.raised", AuditAction.All);
        Assert.Contains("sensor.returned-to-service", AuditAction.All);
        Assert.Equal(ExcursionAction.All.Count, ExcursionAction.All.Distinct().Count());
    }

    [GeneratedRegex("\"(?<text>[a-z][a-z.-]*)\"")]
    private static partial Regex StringLiteral();

    /// <summary>A literal that is compared with or passed as an action: "Action == ", "ExcursionChange(", "ExcursionEntry(",
    /// "ChangeAsync(", "With(excursion".</summary>
    [GeneratedRegex("(Action\\s*[!=]=\\s*|ExcursionChange\\(|ExcursionEntry\\(|OutOfServiceChange\\(|ChangeAsync\\(|With\\(excursion)")]
    private static partial Regex MoveContext();
}
