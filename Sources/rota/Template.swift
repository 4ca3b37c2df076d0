import ArgumentParser
import Foundation
import RotaIO

struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write blank sheets to collect data from volunteers.",
        discussion: """
        Example:
          rota template volunteers --out volunteers.csv
        """,
        subcommands: [TemplateVolunteers.self])
}

struct TemplateVolunteers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "volunteers",
        abstract: "A blank volunteer sheet with the Chinese headers and one example row.",
        discussion: """
        The sheet (UTF-8 with a byte-order mark, so Excel and WPS open it as it is; a real \
        workbook when --out ends in .xlsx) reads back as a scenario's volunteersFile. Availability may be written in Chinese: \
        周一至周五 08:00-12:00; 周末 09:00-17:00.

        Example:
          rota template volunteers --out volunteers.csv
        """)

    @Option(help: "The file to write.") var out: String = "volunteers.csv"

    func run() throws {
        // A name ending in .xlsx gets a real workbook, anything else the CSV sheet.
        if out.lowercased().hasSuffix(".xlsx") {
            guard let data = VolunteerSheetTemplate.xlsx() else {
                printError("\(out): cannot build the workbook")
                throw ExitCode(Exit.outputFailed)
            }
            try writeOrExit(data, to: out)
        } else {
            try writeOrExit(Data(VolunteerSheetTemplate.csv().utf8), to: out)
        }
        print("wrote \(out)")
    }
}
