using System.Text;
using System.Text.RegularExpressions;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Core.Tests.Repository;

/// <summary>The repository stands alone (issue 16): the facts the code relies on are in its own docs, so every markdown
/// document a file names is in the repository, every relative link in a markdown file resolves, and every
/// "gmp.md §N" / "instruments.md §N" names a section that exists.</summary>
public sealed partial class DocumentReferenceTests
{
    private static readonly HashSet<string> SkippedFolders =
        new(StringComparer.Ordinal) { ".git", ".vs", "bin", "obj", "TestResults", "artifacts", ".demo", "node_modules" };

    [Fact]
    public void Files_NameMarkdownDocument_DocumentIsInRepository()
    {
        var documents = RepositoryFiles().Where(f => f.EndsWith(".md", StringComparison.Ordinal))
            .Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);

        var missing = new List<string>();
        foreach (var (file, lineNumber, line) in TextLines())
        {
            foreach (Match match in MarkdownName().Matches(Url().Replace(line, " ")))
            {
                if (!documents.Contains(Path.GetFileName(match.Value)))
                {
                    missing.Add($"{Relative(file)}:{lineNumber}: {match.Value}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Documents named but not in the repository:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void MarkdownFiles_RelativeLink_TargetExists()
    {
        var broken = new List<string>();
        foreach (var (file, lineNumber, line) in TextLines().Where(l => l.File.EndsWith(".md", StringComparison.Ordinal)))
        {
            foreach (Match match in Link().Matches(line))
            {
                var target = match.Groups["target"].Value;
                if (target.StartsWith('#') || target.Contains("://", StringComparison.Ordinal) ||
                    target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, target.Split('#')[0]));
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    broken.Add($"{Relative(file)}:{lineNumber}: {target}");
                }
            }
        }

        Assert.True(broken.Count == 0, "Links that do not resolve:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void Files_CiteSectionOfOwnDocument_SectionExists()
    {
        var sections = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["gmp.md"] = Sections(Path.Combine(RepositoryPaths.Root, "docs", "gmp.md")),
            ["instruments.md"] = Sections(Path.Combine(RepositoryPaths.Root, "docs", "instruments.md")),
        };

        var unknown = new List<string>();
        foreach (var (file, lineNumber, line) in TextLines())
        {
            foreach (Match match in Citation().Matches(line))
            {
                foreach (Capture section in match.Groups["section"].Captures)
                {
                    if (!sections[match.Groups["doc"].Value].Contains(section.Value))
                    {
                        unknown.Add($"{Relative(file)}:{lineNumber}: {match.Groups["doc"].Value} §{section.Value}");
                    }
                }
            }
        }

        Assert.True(unknown.Count == 0, "Citations of sections that do not exist:\n" + string.Join('\n', unknown));
    }

    /// <summary>"## 3. Title" gives "3", "### 1.2 Title" gives "1.2".</summary>
    private static HashSet<string> Sections(string path) =>
        File.ReadLines(path).Select(l => Heading().Match(l)).Where(m => m.Success).Select(m => m.Groups["number"].Value)
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<(string File, int Number, string Line)> TextLines()
    {
        foreach (var file in RepositoryFiles())
        {
            var bytes = File.ReadAllBytes(file);
            if (bytes.AsSpan(0, Math.Min(bytes.Length, 8192)).Contains((byte)0))
            {
                continue;   // binary
            }
            var lines = Encoding.UTF8.GetString(bytes).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                yield return (file, i + 1, lines[i]);
            }
        }
    }

    private static IEnumerable<string> RepositoryFiles()
    {
        var pending = new Stack<string>([RepositoryPaths.Root]);
        while (pending.TryPop(out var folder))
        {
            foreach (var sub in Directory.EnumerateDirectories(folder))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                if (new FileInfo(file).Length < 2_000_000)
                {
                    yield return file;
                }
            }
        }
    }

    private static string Relative(string file) => Path.GetRelativePath(RepositoryPaths.Root, file);

    [GeneratedRegex(@"[A-Za-z0-9_./-]*[A-Za-z0-9_-]\.md\b", RegexOptions.IgnoreCase)]
    private static partial Regex MarkdownName();

    [GeneratedRegex(@"[a-z]+://\S*", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\b(?<doc>gmp\.md|instruments\.md)\)?`?\s*§(?<section>\d+(?:\.\d+)?)(?:\s*(?:[-–,]|and)\s*§?(?<section>\d+(?:\.\d+)?))*")]
    private static partial Regex Citation();

    [GeneratedRegex(@"^#{2,3} (?<number>\d+(?:\.\d+)?)\.? ")]
    private static partial Regex Heading();
}
