using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Trends;

/// <summary>QA's signed review of a room's trend report over [From, To) (Annex 1 9.10: trends reviewed), permanently linked
/// to the figures it saw by their SHA-256: figures that change later (late data) no longer match, and the report says so.
/// Written once, never changed.</summary>
/// <param name="FiguresSha256">SHA-256 of the figures' JSON at signing, lower-case hex.</param>
/// <param name="Comment">The reviewer's comment, part of the signed record.</param>
public sealed record TrendReview(Guid Id, RoomId Room, DateTimeOffset From, DateTimeOffset To, string FiguresSha256, Signature Signature, string? Comment);
