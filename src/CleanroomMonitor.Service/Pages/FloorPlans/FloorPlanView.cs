using System.Globalization;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Live;

namespace CleanroomMonitor.Service.Pages.FloorPlans;

/// <summary>What /floor-plan draws: one plan per floor from the rooms' layouts, coloured by the live snapshot the
/// user may see, the pressure cascade as arrows, and the visible rooms without a layout listed beside.</summary>
public sealed record FloorPlanView(IReadOnlyList<FloorDrawing> Floors, IReadOnlyList<RoomTile> Unplaced)
{
    /// <summary>The parameters a zone shows, in this order: what a cleanroom supervisor checks first.</summary>
    private static readonly (Parameter Parameter, string Label)[] KeyValues =
    [
        (Parameter.ParticlesHalfMicron, "≥0.5 µm"),
        (Parameter.DifferentialPressure, "ΔP"),
        (Parameter.Temperature, "T"),
    ];

    /// <param name="snapshot">The live board's snapshot, already cut to the user's tenant: a room missing from it is
    /// drawn as an unnamed grey outline, so a tenant sees the shape of the building but nothing of another's rooms.</param>
    public static FloorPlanView Build(FacilityDefinition facility, LiveSnapshot snapshot, IReadOnlyList<CascadeLink> cascade)
    {
        ArgumentNullException.ThrowIfNull(facility);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(cascade);
        var tiles = snapshot.Rooms.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var parameters = snapshot.Rooms.SelectMany(r => r.Parameters).ToDictionary(p => p.Key, StringComparer.Ordinal);
        var floors = facility.Rooms.Where(r => r.Layout is not null)
            .GroupBy(r => r.Layout!.Floor)
            .OrderBy(g => g.Key is not null).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(floor =>
            {
                var rooms = floor.ToList();
                var (width, height) = PlanGeometry.Canvas(rooms.Max(r => r.Layout!.Right), rooms.Max(r => r.Layout!.Bottom));
                var zones = rooms.Where(r => tiles.ContainsKey(r.Id.Value)).Select(r => Zone(facility, r, tiles[r.Id.Value])).ToList();
                var others = rooms.Where(r => !tiles.ContainsKey(r.Id.Value)).Select(r => PlanGeometry.Rect(r.Layout!)).ToList();
                var places = rooms.ToDictionary(r => r.Id, r => PlanGeometry.Rect(r.Layout!));
                var links = cascade
                    .Where(l => places.ContainsKey(l.Higher) && places.ContainsKey(l.Lower))
                    .Select(l => (Link: l, Key: $"{l.Sensor.Value}/{Parameter.DifferentialPressure.WireName()}"))
                    .Where(l => parameters.ContainsKey(l.Key))   // the sensor's room is visible to the user
                    .Select(l => Link(facility, tiles, l.Link, parameters[l.Key], PlanGeometry.Arrow(places[l.Link.Higher], places[l.Link.Lower])))
                    .ToList();
                return new FloorDrawing(floor.Key, width, height, zones, others, links);
            })
            .ToList();
        var unplaced = facility.Rooms.Where(r => r.Layout is null && tiles.ContainsKey(r.Id.Value)).Select(r => tiles[r.Id.Value]).ToList();
        return new FloorPlanView(floors, unplaced);
    }

    /// <summary>The level in a word and a shape, so the state never rests on colour alone (WCAG 1.4.1).</summary>
    public static string LevelWord(string level) => level switch
    {
        "action" => "✖ ACTION",
        "alert" => "▲ ALERT",
        _ => "✓ normal",
    };

    public static string GradeText(string grade) => grade == "unclassified" ? "unclassified" : "Grade " + grade;

    /// <summary>The room link's accessible name: name, grade, state and level.</summary>
    public static string AccessibleName(RoomTile room)
    {
        ArgumentNullException.ThrowIfNull(room);
        return $"{room.Name}, {GradeText(room.Grade)}, {room.State}, {(room.Level == "normal" ? "normal" : room.Level + " excursion")}";
    }

    /// <summary>One value as a zone shows it; floorplan.js writes the same text.</summary>
    public static string ValueText(string label, ParameterTile tile)
    {
        ArgumentNullException.ThrowIfNull(tile);
        return tile.Value is null ? $"{label} no data" : $"{label} {tile.Text} {tile.Unit}" + (tile.Level is "normal" or "none" ? "" : " · " + tile.LevelText);
    }

    /// <summary>A cascade label: the difference along the designed arrow, so a reversed cascade reads negative.</summary>
    public static string PressureText(CascadeLink link, ParameterTile tile)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(tile);
        return tile.Value is not { } value ? "no data"
            : link.AlongCascade(value).ToString("0.0", CultureInfo.InvariantCulture) + " Pa" + (tile.Level is "normal" or "none" ? "" : " · " + tile.LevelText);
    }

    private static ZoneDrawing Zone(FacilityDefinition facility, Room room, RoomTile tile)
    {
        var rect = PlanGeometry.Rect(room.Layout!);
        var chars = PlanGeometry.CharsThatFit(rect);
        var lines = new List<ZoneLine>
        {
            new("name", null, null, PlanGeometry.Fit(room.Name, chars)),
            new("state", null, GradeText(tile.Grade), PlanGeometry.Fit($"{GradeText(tile.Grade)} · {tile.State}", chars)),
            new("level", null, null, PlanGeometry.Fit(LevelWord(tile.Level), chars)),
        };
        var roomAir = facility.SensorsIn(room.Id).Where(s => s.Equipment is null).Select(s => s.Id.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (parameter, label) in KeyValues)
        {
            var name = parameter.WireName();
            if (tile.Parameters.FirstOrDefault(p => p.Parameter == name && roomAir.Contains(p.Sensor)) is { } value)
            {
                lines.Add(new ZoneLine("value " + value.Level, value.Key, label, PlanGeometry.Fit(ValueText(label, value), chars)));
            }
        }
        return new ZoneDrawing(tile.Id, tile.Level, AccessibleName(tile), room.Name, rect, chars, lines.Take(PlanGeometry.LinesThatFit(rect)).ToList());
    }

    private static LinkDrawing Link(FacilityDefinition facility, Dictionary<string, RoomTile> visible, CascadeLink link, ParameterTile tile, PlanArrow arrow)
    {
        // The tenant's own sensor may measure against a room of another tenant: the arrow is the tenant's, the name is not.
        string Name(RoomId room) => visible.ContainsKey(room.Value) ? facility.Room(room).Name : "a room you cannot see";
        return new(tile.Key, link.Sign, tile.Level, arrow, PressureText(link, tile),
            $"Pressure cascade, sensor {link.Sensor}: {Name(link.Higher)} to {Name(link.Lower)}"
            + (link.HasDesignedDirection ? "" : " (the design names no direction)"));
    }
}

/// <summary>One floor's plan. <see cref="Floor"/> is null for the site's main (or only) level.</summary>
public sealed record FloorDrawing(string? Floor, double Width, double Height, IReadOnlyList<ZoneDrawing> Zones, IReadOnlyList<PlanRect> Others,
    IReadOnlyList<LinkDrawing> Links);

/// <param name="Lines">The lines that fit, top to bottom; <see cref="Chars"/> is how many characters fit on one.</param>
public sealed record ZoneDrawing(string Room, string Level, string AccessibleName, string Name, PlanRect Rect, int Chars, IReadOnlyList<ZoneLine> Lines);

/// <param name="Field">name, state, level, or "value &lt;level&gt;" (a key value and its class).</param>
/// <param name="Key">For a value: the live board's sensor/parameter key floorplan.js updates it by.</param>
/// <param name="Label">For a value: its short label; for the state line: the grade text that precedes the state.</param>
public sealed record ZoneLine(string Field, string? Key, string? Label, string Text);

/// <param name="Sign">+1, −1 or 0: turns the sensor's value into the difference along the arrow (<see cref="CascadeLink.Sign"/>).</param>
public sealed record LinkDrawing(string Key, int Sign, string Level, PlanArrow Arrow, string Text, string Title);
