namespace CleanroomMonitor.Core.Trends;

/// <summary>An adverse trend against the previous period of the same length, by one of the rules of
/// <see cref="TrendRules"/>, said in words.</summary>
/// <param name="Rule">"excursion count" or "P95 towards limit".</param>
/// <param name="Subject">What rose: a kind and level, or a sensor parameter.</param>
public sealed record TrendAdverse(string Rule, string Subject, double Current, double? Previous, string Text);
