extension Message {
    /// The message in Vietnamese.
    var vietnamese: String {
        let vi = Language.vietnamese
        switch self {
        case .workspaceNotFound(let path):
            return "Không có không gian làm việc hotich ở \(path). Tạo bằng `hotich init --office MÃ_CƠ_QUAN`, hoặc chỉ ra thư mục bằng --workspace THƯ_MỤC hay biến HOTICH_WORKSPACE."
        case .workspaceAlreadyExists(let path):
            return "Đã có không gian làm việc ở \(path); không tạo lại. Dùng thư mục khác cho không gian mới."
        case .workspaceTooNew(let path):
            return "Không gian làm việc ở \(path) được tạo bởi phiên bản hotich mới hơn; phiên bản này không mở để tránh làm hỏng dữ liệu. Hãy cập nhật hotich."
        case .workspaceUnreadable(let path):
            return "Không đọc được cơ sở dữ liệu của không gian làm việc ở \(path). Kiểm tra quyền truy cập tệp hotich.sqlite hoặc khôi phục từ bản sao lưu."
        case .workspaceDatabaseMissing(let path):
            return "Thư mục \(path) có dữ liệu của một không gian làm việc (tệp quét, nhật ký hotich.sqlite-wal) nhưng thiếu cơ sở dữ liệu hotich.sqlite, hoặc tệp đó rỗng. hotich không mở và không tạo mới ở đây để khỏi mất dữ liệu: chép lại hotich.sqlite cùng các tệp hotich.sqlite-wal và hotich.sqlite-shm, hoặc khôi phục từ bản sao lưu."
        case .workspaceFolderOpenToOthers(let path):
            return "Thư mục \(path) cho mọi người ghi vào; không tạo không gian làm việc (chứa dữ liệu cá nhân) ở đó. Dùng một thư mục mới (hotich tạo nó, chỉ chủ sở hữu truy cập được) hoặc bỏ quyền ghi của người khác: chmod o-w."
        case .workspaceBusy:
            return "Cơ sở dữ liệu đang bị một tiến trình khác khóa quá thời gian chờ. Không có gì thay đổi; hãy chạy lại lệnh sau ít phút."
        case .diskFull:
            return "Ổ đĩa đã đầy; không có gì được ghi. Giải phóng dung lượng rồi chạy lại lệnh."
        case .storageFailure(let code):
            return "Cơ sở dữ liệu báo lỗi (mã SQLite \(code)); không có gì thay đổi. Chạy lại lệnh; nếu còn lỗi, báo cho quản trị viên."
        case .storeDamaged(let failure):
            switch failure {
            case .missingRow(let table):
                return "Dữ liệu của không gian làm việc không nhất quán: thiếu một dòng bắt buộc của bảng \(table); không có gì thay đổi. Giữ nguyên một bản sao thư mục không gian làm việc và báo cho quản trị viên."
            case .damagedRow(let table):
                return "Dữ liệu của không gian làm việc bị hỏng: một dòng của bảng \(table) chứa giá trị hotich không bao giờ ghi; không có gì thay đổi. Giữ nguyên một bản sao thư mục không gian làm việc và báo cho quản trị viên."
            case .integrity(let problems):
                return "Kiểm tra toàn vẹn của SQLite thấy \(problems) lỗi trong tệp cơ sở dữ liệu. Giữ nguyên một bản sao thư mục và báo cho quản trị viên; khôi phục từ bản sao lưu khác."
            }
        case .fileSystemFailure(let path, let problem):
            return "Không đọc hay ghi được \(path): \(problem.vietnamese)."
        case .workspaceCreated(let path, let office, let admin):
            return "Đã tạo không gian làm việc ở \(path) cho cơ quan \(office); quản trị viên: \(admin)."

        case .invalidOfficeCode(let text):
            return "Mã cơ quan \"\(text)\" không hợp lệ: cần mã đơn vị hành chính 2 chữ số (tỉnh), 3 (huyện) hoặc 5 (xã), ví dụ --office 20245."
        case .invalidYear(let text):
            return "Năm \"\(text)\" không hợp lệ: cần năm mở sổ bốn chữ số trong khoảng 1900–2100, ví dụ --year 2017."
        case .invalidVolume(let text):
            return "Quyển số \"\(text)\" không hợp lệ: cần số từ 1 đến 99, ví dụ --volume 1."
        case .invalidUserName(let text):
            return "Tên người dùng \"\(text)\" không hợp lệ: dùng 1–64 chữ cái, chữ số, dấu chấm, gạch nối hoặc gạch dưới, không có khoảng trắng."
        case .invalidLimit(let option, let value):
            return "Giới hạn \(option) \(value) không hợp lệ: cần số từ 1 đến 1.000.000."
        case .reasonRequired(let action):
            return "Thao tác \(action.rawValue) cần lý do: thêm --reason \"LÝ DO\"."

        case .noActingUser:
            return "Không biết ai đang thực hiện lệnh. Dùng --as TÊN hoặc đặt biến HOTICH_USER."
        case .unknownUser(let name):
            return "Không có người dùng \"\(name)\" trong không gian làm việc. Quản trị viên thêm bằng `hotich user add \(name) --role VAI_TRÒ`."
        case .userAlreadyExists(let name):
            return "Người dùng \"\(name)\" đã có; không thêm lại. Xem danh sách bằng `hotich user list`."
        case .permissionDenied(let user, let role, let permission):
            return "\(user) (vai trò \(Message.role(role).vietnamese)) không được phép \(permission.vietnameseVerb); cần vai trò \(Message.role(permission.requiredRole).vietnamese)."
        case .userAdded(let name, let role):
            return "Đã thêm người dùng \(name), vai trò \(Message.role(role).vietnamese)."

        case .pathNotFound(let path):
            return "Không tìm thấy \(path). Kiểm tra lại đường dẫn."
        case .pathNotFolderOrZip(let path):
            return "\(path) không phải thư mục hay tệp .zip. Chỉ ra thư mục (hoặc tệp .zip) chứa các tệp quét của một quyển sổ."
        case .zipUnreadable(let path):
            return "Không đọc được tệp nén \(path): tệp hỏng hoặc không phải ZIP. Nén lại hoặc nhận trực tiếp thư mục."
        case .zipRefused(let path, let refusal):
            return "Không nhận tệp nén \(path): \(refusal.vietnamese). Không có gì được ghi. Kiểm tra tệp với đơn vị gửi; nếu đúng là tệp quét lớn, nới giới hạn bằng --max-file-mb, --max-total-gb, --max-files hay --max-ratio."
        case .noFilesFound(let path):
            return "\(path) không chứa tệp quét nào. Kiểm tra đúng thư mục của quyển sổ."
        case .fileVanished(let path):
            return "Tệp \(path) biến mất hoặc thay đổi trong lúc nhận lô; không có gì được ghi. Chờ việc sao chép tệp xong rồi nhận lại."
        case .fileCopyFailed(let path):
            return "Không chép được tệp \(path) vào không gian làm việc (ổ đĩa đầy hoặc không có quyền ghi); không có gì được ghi."
        case .intakeRefused(let count):
            return "Lô không được nhận: có \(count) vấn đề với tệp (liệt kê ở trên). Sửa các tệp rồi nhận lại, hoặc thêm --accept-issues để nhận lô và ghi lại các vấn đề."
        case .batchAlreadyReceived(let id):
            return "Thư mục này đã được nhận trong lô \(id); không tạo lô thứ hai. Xem bằng `hotich batch show \(id)`."
        case .batchReceived(let id, let files, let bytes, let issues):
            let tail = issues > 0 ? "; \(issues) vấn đề được ghi lại" : ""
            return "Đã nhận lô \(id): \(files.grouped(in: vi)) tệp, \(bytes.grouped(in: vi)) byte\(tail)."
        case .systemFilesIgnored(let count):
            return "Bỏ qua \(count) tệp hệ thống (Thumbs.db, .DS_Store, desktop.ini)."
        case .intakeIssue(let issue):
            return "\(issue.path): \(issue.problem.vietnamese)"
        case .hashingProgress(let done, let total):
            return "Đang kiểm tra và băm tệp \(done.grouped(in: vi))/\(total.grouped(in: vi))"

        case .batchNotFound(let id):
            return "Không có lô \(id). Xem các lô bằng `hotich batch list`."
        case .invalidBatchState(let text):
            return "Trạng thái \"\(text)\" không có; dùng một trong: \(BatchState.allCases.map(\.rawValue).joined(separator: ", "))."
        case .transitionNotAllowed(let action, let state):
            return "Không thể \(action.vietnameseVerb) khi lô đang ở trạng thái \(Message.state(state).vietnamese)."
        case .transitionDone(let id, let from, let to):
            return "Lô \(id): \(Message.state(from).vietnamese) → \(Message.state(to).vietnamese)."
        case .fixityValid(let id, let files, let oxum):
            return "Lô \(id): đủ và đúng — \(files.grouped(in: vi)) tệp khớp mã băm SHA-256 (Payload-Oxum \(oxum))."
        case .fixityFailed(let id, let missing, let changed, let unlisted):
            return "Lô \(id) KHÔNG toàn vẹn: \(missing) tệp thiếu, \(changed) tệp bị thay đổi, \(unlisted) tệp lạ. Khôi phục tệp gốc từ bản lưu rồi kiểm tra lại."
        case .fixityMissing(let path):
            return "thiếu: \(path)"
        case .fixityChanged(let path):
            return "đã thay đổi: \(path)"
        case .fixityUnlisted(let path):
            return "không có trong danh mục: \(path)"
        case .workspaceCompacted(let before, let after):
            return "Đã thu gọn cơ sở dữ liệu: \((before / 1_048_576).grouped(in: vi)) MB → \((after / 1_048_576).grouped(in: vi)) MB; dữ liệu không thay đổi."
        case .auditChainBroken(let id):
            return "Nhật ký kiểm toán bị sửa hoặc hỏng từ sự kiện #\(id). Báo ngay cho quản trị viên; khôi phục cơ sở dữ liệu từ bản sao lưu."
        case .nothingToShow:
            return "Không có gì để hiển thị."

        case .diagnostic(let diagnostic, let kind):
            let label = diagnostic.field.map { FieldCatalog.field($0, in: kind)?.label ?? $0 } ?? "*"
            return "\(label): \(diagnostic.problem.vietnamese(kind: kind))" + (diagnostic.severity == .warning ? " (cảnh báo)" : "")
        case .policyHasNoSecondPass(let id, let policy):
            return "Lô \(id) dùng cách kiểm tra \(Message.policy(policy).vietnamese): chỉ nhập một lần, không có lần nhập 2."
        case .invalidPass(let pass):
            return "Lần nhập \(pass) không có; dùng --pass 1 hoặc --pass 2."
        case .batchNotKeyable(let id, let state):
            switch state {
            case .onHold:
                return "Lô \(id) đang tạm dừng, không nhập liệu được. Giám sát cho tiếp tục bằng `hotich batch release \(id)`."
            case .exporting, .exported:
                return "Lô \(id) \(Message.state(state).vietnamese), không nhập lại được; giá trị sai được sửa bằng `hotich record correct`."
            default:
                return "Lô \(id) đang ở trạng thái \(Message.state(state).vietnamese), không nhập liệu được. Giám sát có thể trả lô (hoặc một số bản ghi) về nhập liệu bằng `hotich batch return \(id) --reason LÝ_DO`."
            }
        case .nothingLeftToKey(let id, let pass):
            return "Lô \(id) không còn tệp nào chờ nhập lần \(pass) cho bạn."
        case .secondPassMustBeAnotherPerson:
            return "Lần nhập 2 phải do người khác với người nhập lần 1 thực hiện."
        case .keyingStarted(let id, let pass):
            return "Nhập liệu lô \(id), lần \(pass). Gõ :q để tạm dừng, ?? để xem mã, < để quay lại."
        case .keyingFile(let path, let done, let total):
            return "Tệp \(path) (\(done + 1)/\(total))"
        case .keyingHelp:
            return "Enter = giữ giá trị gợi ý · - = trống trong sổ · . = không đọc được · thêm ? = không chắc chắn · < = quay lại · ?? = danh sách mã · ! ở câu đầu = tệp không phải trường hợp đăng ký (bìa, trang trắng…) · :q = tạm dừng"
        case .keyingPrompt(let label, let current):
            return current.map { "\(label) [\($0)]: " } ?? "\(label): "
        case .keyingCodeChoices(let text):
            return "Các giá trị phù hợp: \(text)"
        case .keyingCodeChosen(let label):
            return "→ \(label)"
        case .keyingUnknownCode(let diagnostic, let kind):
            return Message.diagnostic(diagnostic, kind: kind).vietnamese + " (gõ ?? để xem danh sách)"
        case .keyingNoCodeList(let key, let kind):
            return "\(FieldCatalog.field(key, in: kind)?.label ?? key) không có danh sách mã; gõ giá trị như trong sổ"
        case .keyingRejected(let reason):
            return "Không nhận: \(reason.hasSuffix(".") ? String(reason.dropLast()) : reason). Nhập lại."
        case .keyingConfirm(let warnings):
            return warnings == 0 ? "Lưu bản ghi? (Enter = lưu, < = quay lại, :q = tạm dừng) " : "Có \(warnings) cảnh báo ở trên. Vẫn lưu? (Enter = lưu, < = quay lại, :q = tạm dừng) "
        case .keyingMustFix(let errors):
            return "Còn \(errors) lỗi phải sửa trước khi lưu; đang quay lại trường đầu tiên có lỗi."
        case .recordSaved(let number, let path):
            return "Đã lưu bản ghi số \(number ?? "?") (\(path))."
        case .arbitrationPaused:
            return "Đã tạm dừng; mọi câu trả lời đã đưa đều đã được lưu. Chạy lại lệnh để tiếp tục."
        case .reviewPaused:
            return "Đã tạm dừng; bản ghi đang soát chưa được lưu và sẽ được soát lại. Chạy lại lệnh để tiếp tục."
        case .keyingDone(let id):
            return "Lô \(id) đã nhập xong. Tiếp theo: người kiểm tra chạy `hotich verify \(id)`."
        case .nothingLeftForYou(let id, let pass, let left):
            return "Lô \(id) còn \(left.grouped(in: vi)) tệp chờ nhập lần \(pass), nhưng không tệp nào dành cho bạn: lần nhập 2 phải do người khác với người nhập lần 1, hoặc tệp đang do người khác giữ."
        case .chooseBetween(let first, let last):
            return "Chọn một số từ \(first) đến \(last)."
        case .batchNotArbitrable(let id, let state):
            if state == .keyed { return "Lô \(id) chưa được kiểm tra; chạy `hotich verify \(id)` trước." }
            return "Lô \(id) đang ở trạng thái \(Message.state(state).vietnamese); chỉ phân xử được lô đang kiểm tra."
        case .keyingPaused:
            return "Đã tạm dừng; bản ghi đang nhập dở được giữ lại. Chạy lại lệnh để tiếp tục đúng chỗ."
        case .keyingProgress(let records, let withoutFile, let pass1, let pass2, let drafts, let files, let notEntries):
            let unfiled = withoutFile > 0 ? " (\(withoutFile.grouped(in: vi)) không có tệp quét)" : ""
            let second = pass2.map { ", lần 2: \($0.grouped(in: vi))/\(files.grouped(in: vi))" } ?? ""
            let marked = notEntries > 0 ? " · \(notEntries.grouped(in: vi)) tệp không phải trường hợp đăng ký" : ""
            return "\(records.grouped(in: vi)) bản ghi\(unfiled) · tệp đã nhập lần 1: \(pass1.grouped(in: vi))/\(files.grouped(in: vi))\(second) · đang nhập dở: \(drafts.grouped(in: vi))\(marked)"
        case .keyingRemaining(let pass, let numbers, let unnumbered):
            var parts: [String] = []
            if !numbers.isEmpty { parts.append("số " + Message.boundedList(numbers, more: { "và \($0) số khác" })) }
            if unnumbered > 0 {
                parts.append("\(unnumbered) tệp không ghi số trong tên (nếu là bìa, trang trắng: đánh dấu bằng `hotich batch mark-file`)")
            }
            return "Lần nhập \(pass) còn thiếu: " + parts.joined(separator: "; ") + "."
        case .keyingHowToFinish(let id, let pass, let filesLeft, let unfiledLeft, let rejects):
            let passOption = pass == 2 ? " --pass 2" : ""
            var ways: [String] = []
            if let rejects { ways.append("sửa các dòng bị từ chối ngay trong tệp \(rejects) rồi nhập lại chính tệp đó: `hotich key import \(id) \(rejects)\(passOption)`") }
            if filesLeft { ways.append("nhập tay từng tệp còn lại: `hotich key \(id)\(passOption)`") }
            if unfiledLeft && rejects == nil { ways.append("các số không có tệp quét chỉ nhập được từ bảng tính: `hotich key import \(id) TỆP\(passOption)`") }
            return "Để nhập nốt: " + ways.joined(separator: "; hoặc ") + "."
        case .keyingSummary(let records, let seconds, let perHour):
            return "Đã nhập \(records) bản ghi trong \(seconds / 60) phút \(seconds % 60) giây (\(perHour) bản ghi/giờ)."
        case .claimNotYours(let path, let holder):
            return "Tệp \(path) đang do \(holder) nhập. Giám sát có thể giải phóng: hotich key release LÔ \(path)."
        case .claimReleased(let path, let pass):
            return "Đã giải phóng tệp \(path) (lần nhập \(pass)); người khác có thể tiếp tục."
        case .noClaim(let path):
            return "Không ai đang giữ tệp \(path)."

        case .fileNotInBatch(let id, let path):
            return "Lô \(id) không có tệp \(path). Xem danh sách tệp bằng `hotich batch show \(id)`."
        case .fileNotKeyable(let path):
            return "Tệp \(path) có vấn đề khi nhận lô (rỗng, trùng hoặc không phải ảnh quét) nên vốn không được nhập liệu; không cần đánh dấu."
        case .fileAlreadyMarked(let path, let kind):
            return "Tệp \(path) đã được đánh dấu không phải trường hợp đăng ký (\(kind.vietnamese))."
        case .fileHasRecord(let path, let number):
            return "Tệp \(path) đã có bản ghi số \(number) nên không thể đánh dấu là không phải trường hợp đăng ký."
        case .fileNotMarked(let path):
            return "Tệp \(path) không bị đánh dấu là không phải trường hợp đăng ký; không có gì để bỏ."
        case .batchFilesFrozen(let id, let state):
            return "Lô \(id) đang ở trạng thái \(Message.state(state).vietnamese); chỉ đánh dấu hay bỏ đánh dấu tệp được khi lô chưa xuất và không bị tạm dừng."
        case .nonEntryNeedsReason:
            return "Cần lý do: thêm --reason \"LÝ DO\" (ví dụ \"bìa sổ\", \"trang trắng\")."
        case .fileMarked(let path, let kind):
            return "Đã đánh dấu tệp \(path): \(kind.vietnamese), không phải trường hợp đăng ký. Tệp không cần nhập liệu và được ghi trong phần nguồn gốc của sổ khi xuất."
        case .fileMarkCleared(let path):
            return "Đã bỏ đánh dấu tệp \(path): tệp sẽ được nhập liệu như các trường hợp khác."

        case .invalidDate(let option, let value):
            return "\(option) \"\(TerminalText.escaped(value))\" không phải một ngày dạng NĂM-THÁNG-NGÀY từ năm 1900 đến 2100 (ví dụ 2027-06-30)."
        case .invalidWeek(let value):
            return "Tuần \"\(TerminalText.escaped(value))\" không có, hoặc không viết dạng NĂM-Wtuần (ví dụ 2026-W48; năm 1900–2100; tuần 53 chỉ có ở một số năm)."
        case .invalidPlanRecords(let records):
            return "Số bản ghi của kế hoạch phải từ 1 đến \(ProgressPlan.maximumRecords.grouped(in: .vietnamese)), không phải \(records)."
        case .dueBeforeStart(let due, let start):
            return "Hạn hoàn thành \(due.vietnamese) trước ngày bắt đầu \(start.vietnamese)."
        case .periodEndsBeforeStart(let from, let to):
            return "Kỳ báo cáo kết thúc (\(to.vietnamese)) trước khi bắt đầu (\(from.vietnamese))."
        case .calendarNeedsReason:
            return "Cần lý do, tối đa 500 ký tự: thêm --reason \"LÝ DO\" (ví dụ \"nghỉ bù theo thông báo của Bộ Nội vụ\")."
        case .planSet(let unit, let records, let due, let revision):
            return "Đã đặt kế hoạch cho \(unit): \(records.grouped(in: .vietnamese)) bản ghi được kiểm tra xong trước \(due.vietnamese) (lần \(revision))."
        case .calendarDaySet(let day, let working):
            return "Ngày \(day.vietnamese) được tính là \(working ? "ngày làm việc" : "ngày nghỉ")."
        case .calendarDayCleared(let day):
            return "Ngày \(day.vietnamese) lại được tính theo lịch nghỉ lễ chung."
        case .calendarDayNotSet(let day):
            return "Ngày \(day.vietnamese) không có điều chỉnh nào để bỏ."
        case .progressSummaryRebuilt(let differences):
            return differences == 0
                ? "Đã tính lại bảng tổng hợp tiến độ: khớp với dữ liệu."
                : "Đã tính lại bảng tổng hợp tiến độ: \(differences.grouped(in: .vietnamese)) dòng khác với dữ liệu đã được sửa."
        case .reportWritten(let path):
            return "Đã ghi báo cáo vào \(path)."
        case .searchProblem(.empty):
            return "Cần tìm gì: một phần họ tên, số (so:05), quyển (quyen:01/1995), số định danh cá nhân hay năm."
        case .searchProblem(.tooLong):
            return "Câu tìm kiếm quá dài: tối đa \(SearchQuery.maximumLength) ký tự và \(SearchQuery.maximumTerms) từ."
        case .searchProblem(.badTerm(let term)):
            return "Không hiểu \"\(TerminalText.escaped(term))\": viết so:SỐ (ví dụ so:05) hoặc quyen:QUYỂN/NĂM (ví dụ quyen:01/1995)."
        case .searchLimit(let limit):
            return "--limit phải từ 1 đến \(SearchQuery.maximumLimit), không phải \(limit)."
        case .recordNotFound(let id):
            return "Không có bản ghi \(TerminalText.escaped(id)). Tìm bằng `hotich search`, hoặc cho mã lô và số đăng ký."
        case .recordNotVisible(let id):
            return "Bản ghi \(TerminalText.escaped(id)) thuộc lô bạn không nhập; chỉ người kiểm tra và giám sát xem được."
        case .signature(let message):
            return message.text(in: .vietnamese)
        case .integrity(let message):
            return message.text(in: .vietnamese)
        case .identity(let message):
            return message.text(in: .vietnamese)
        case .database(let message):
            return message.text(in: .vietnamese)
        case .place(let message):
            return message.text(in: .vietnamese)
        case .searchIndexRebuilt(let differences):
            return differences == 0
                ? "Đã dựng lại chỉ mục tìm kiếm: khớp với dữ liệu."
                : "Đã dựng lại chỉ mục tìm kiếm: \(differences.grouped(in: .vietnamese)) mục khác với dữ liệu đã được sửa."
        case .planOfficeUnknown(let office):
            return "Lưu ý: chưa có lô nào của cơ quan \(office) trong không gian làm việc này; kiểm tra lại mã cơ quan."
        case .reportDestinationNotAFile(let path):
            return "\(path) không phải một tệp thông thường (thư mục, thiết bị hay liên kết); không ghi đè. Chọn một tên tệp khác."
        case .keyingNotAnEntryKindPrompt:
            return "Tệp này không phải trường hợp đăng ký? Chọn: " + NonEntryKind.allCases.enumerated().map { "\($0.offset + 1) = \($0.element.vietnamese)" }.joined(separator: " · ") + " (Enter = quay lại nhập): "
        case .keyingNotAnEntryReasonPrompt:
            return "Lý do (ví dụ \"bìa sổ\"): "
        case .nonEntryKind(let kind):
            return kind.vietnamese

        case .importNotUTF8(let path):
            return "Tệp \(path) không phải UTF-8 (có thể là bảng mã TCVN3/VNI cũ). Mở bằng Excel và lưu lại dạng \"CSV UTF-8\", hoặc chuyển mã sang Unicode rồi nhập lại."
        case .importUnreadable(let path):
            return "Không đọc được tệp \(path): tệp hỏng hoặc không phải CSV/XLSX."
        case .importUnknownFormat(let path):
            return "Không nhận dạng được \(path): cần tệp .csv hoặc .xlsx."
        case .importUnknownColumns(let columns):
            return "Cột không có trong mẫu của loại sổ này: \(Message.boundedList(columns.map(Message.columnName), more: { "và \($0) cột khác" })). Sửa tên cột theo tên trường của Bộ Tư pháp (ví dụ nksHoTen) hoặc nhãn in trên sổ."
        case .importMissingColumns(let columns):
            return "Thiếu cột bắt buộc: \(columns.joined(separator: ", "))."
        case .importDuplicateColumn(let column):
            return "Cột \(Message.columnName(column)) xuất hiện hai lần trong dòng tiêu đề."
        case .importNoHeader(let path):
            return "Tệp \(path) không có dòng tiêu đề: dòng đầu tiên không có tên cột nào của mẫu (tên trường của Bộ Tư pháp như nksHoTen, hay nhãn in trên sổ). Thêm dòng tiêu đề rồi nhập lại."
        case .importRowProblem(let row, let diagnostic, let kind):
            return "dòng \(row), cột \(diagnostic.field ?? "*"): \(Message.diagnostic(diagnostic, kind: kind).vietnamese)"
        case .importRowDuplicateNumber(let row, let number, let first):
            return "dòng \(row), cột so: số \(number) đã có ở dòng \(first) của tệp"
        case .importRowBeingKeyed(let row):
            return "dòng \(row): bản ghi này đang được nhập tay; chờ nhập xong hoặc nhờ giám sát giải phóng"
        case .importRowExtraCells(let row, let count):
            return "dòng \(row): có \(count.grouped(in: vi)) ô ngoài các cột của dòng tiêu đề; sửa hoặc xóa các ô thừa rồi nhập lại"
        case .adoptNameNotBundle(let path):
            return "Tên tệp \(path) không cho biết đó là quyển sổ nào: hãy đặt tên theo cách của hệ thống của Bộ, ĐỊADANH.LOẠI.NĂM.QUYỂN.xlsx (ví dụ xalocthuan_hbd_tbt.KS.2017.01.xlsx: sổ khai sinh mở năm 2017, quyển 01), rồi tiếp nhận lại."
        case .adoptDone(let batchID, let rows, let scans, let withoutScan, let withoutRow):
            return "Đã tiếp nhận thành lô \(batchID): \(rows.grouped(in: vi)) trường hợp (lần nhập 1), \(scans.grouped(in: vi)) tệp quét; \(withoutScan.grouped(in: vi)) trường hợp không có tệp quét, \(withoutRow.grouped(in: vi)) tệp quét không có dòng (đã ghi vào vấn đề của lô). Bước tiếp theo: hotich verify \(batchID) (cách kiểm tra review hoặc sample)."
        case .importRowNumberLostZeros(let row, let column):
            return "dòng \(row): \(column) được lưu dạng số trong bảng tính nên mất các chữ số 0 ở đầu (nếu có); hãy định dạng cột là văn bản, gõ lại giá trị đúng như trong sổ rồi nhập lại"
        case .importRowsAboveHeader(let count):
            return "Bỏ qua \(count.grouped(in: vi)) dòng phía trên dòng tiêu đề (tên sổ, tiêu đề), không đọc là trường hợp đăng ký."
        case .importCellOutOfRange(let path, let row):
            return "Tệp \(path) có ô hoặc dòng vượt giới hạn của bảng tính (cột XFD, dòng 1.048.576) ở dòng \(row); tệp hỏng hoặc không phải do Excel tạo. Mở và lưu lại bằng Excel."
        case .importBadSharedString(let path, let row):
            return "Tệp \(path) có ô tham chiếu tới chuỗi không có trong bảng chuỗi chung, ở dòng \(row); tệp hỏng. Mở và lưu lại bằng Excel."
        case .importRowTooLarge(let path, let row):
            return "Tệp \(path) có dòng \(row) quá lớn (quá 16.384 ô, hay một ô quá 1 MiB); không sổ nào có dòng như vậy. Kiểm tra lại tệp."
        case .importTooLarge(let path, let limit):
            return "Tệp \(path) khai báo hoặc giải nén ra quá \(limit.grouped(in: vi)) MiB; không đọc tiếp. Kiểm tra lại tệp (có thể là tệp nén độc hại)."
        case .importRowSamePerson(let row):
            return "dòng \(row): lần nhập 2 phải do người khác với người nhập lần 1"
        case .importRefused(let rejected, let read):
            return "Không nhập gì: \(rejected)/\(read) dòng có lỗi (liệt kê ở trên). Sửa tệp rồi nhập lại, hoặc thêm --partial để nhập các dòng đúng và ghi các dòng lỗi ra tệp riêng."
        case .importSummary(let read, let imported, let rejected, let present):
            return "Đọc \(read.grouped(in: vi)) dòng: nhập \(imported.grouped(in: vi)), từ chối \(rejected.grouped(in: vi)), đã có từ trước \(present.grouped(in: vi))."
        case .importRejectsIsSource(let path):
            return "Tệp ghi dòng bị từ chối \(path) chính là tệp đang nhập; không ghi đè. Chọn tệp khác bằng --rejects."
        case .importRejectsWouldOverwrite(let path):
            return "Đã có tệp \(path) không phải tệp dòng bị từ chối của hotich; không ghi đè. Chọn tệp khác bằng --rejects."
        case .importRejectFile(let path):
            return "Các dòng bị từ chối được ghi ở \(path)."
        case .importSeenBefore(let at, let by):
            return "Tệp này đã được nhập lúc \(at) bởi \(by); chỉ nhập những dòng chưa có."

        case .batchNotVerifiable(let id, let state):
            return "Lô \(id) đang ở trạng thái \(Message.state(state).vietnamese); chỉ kiểm tra được lô đã nhập xong (hoặc đang kiểm tra)."
        case .verificationProgress(let id, let records, let verified, let conflicts, let doubts, let errors, let warnings, let duplicates):
            let doubtful = doubts > 0 ? "; giá trị không chắc chắn chờ xác nhận: \(doubts)" : ""
            return "Lô \(id): \(verified.grouped(in: vi))/\(records.grouped(in: vi)) bản ghi đã kiểm tra; chênh lệch chưa phân xử: \(conflicts)\(doubtful); lỗi cần sửa: \(errors); cảnh báo chưa xác nhận: \(warnings); nghi trùng chưa kết luận: \(duplicates)."
        case .verificationNewlySettled(let verified, let conflicts, let doubts):
            let doubtful = doubts > 0 ? "; giá trị không chắc chắn cần xác nhận với ảnh: \(doubts.grouped(in: vi))" : ""
            return "Lần chạy này: \(verified.grouped(in: vi)) bản ghi khớp giữa hai lần nhập hoặc đã phân xử xong; \(conflicts.grouped(in: vi)) chênh lệch mới\(doubtful)."
        case .batchVerified(let id):
            return "Lô \(id) đã kiểm tra xong và sẵn sàng xuất dữ liệu."
        case .verifyNextArbitrate(let id):
            return "Tiếp theo: người kiểm tra (không phải người đã nhập) đối chiếu với ảnh: `hotich arbitrate \(id)`."
        case .verifyNextReview(let id):
            return "Tiếp theo: người kiểm tra soát từng bản ghi với ảnh: `hotich review \(id)`."
        case .verifyNextSample(let id):
            return "Tiếp theo: rút mẫu kiểm tra `hotich qa sample \(id) --aql 1.0`, rồi soát mẫu bằng `hotich review \(id)`."
        case .verifyNextDuplicates(let id):
            return "Tiếp theo: giám sát kết luận các trường hợp nghi trùng: `hotich duplicates \(id)`."
        case .verifyNextAcknowledge(let id):
            return "Tiếp theo: người kiểm tra xác nhận các cảnh báo với lý do: `hotich arbitrate \(id)`."
        case .finding(let detail, let kind):
            return Message.findingText(detail, kind: kind, in: vi)
        case .findingKind(let code):
            return Message.findingKindText(code, in: vi)
        case .decisionNotFound(let id):
            return "Không có chênh lệch số \(id). Các chênh lệch còn mở hiện ra khi chạy `hotich arbitrate LÔ`."
        case .decisionAlreadyMade(let id):
            return "Chênh lệch số \(id) đã được phân xử; không ghi đè."
        case .arbiterKeyedRecord(let user):
            return "\(user) đã nhập bản ghi này nên không được tự phân xử hay soát nó; việc này cần một người kiểm tra khác."
        case .acknowledgementNeedsReason:
            return "Xác nhận cảnh báo cần lý do (ví dụ: \"sổ ghi đúng như vậy\")."
        case .findingNotFound(let id):
            return "Không có cảnh báo số \(id). Xem các cảnh báo (cột Số) bằng `hotich batch show LÔ`."
        case .arbitrationField(let number, let label, let path):
            return "Bản ghi số \(number ?? "?") — \(label)" + (path.map { " (\($0))" } ?? "")
        case .arbitrationPass(let pass, let value, let keyer):
            return "  \(pass) = \(value)" + (keyer.map { "   [lần nhập \(pass): \($0)]" } ?? "")
        case .arbitrationCurrent(let value):
            return "  giá trị hiện tại: \(value)"
        case .arbitrationProblem(let text):
            return "  lỗi: \(text)"
        case .arbitrationDoubt:
            return "  hai lần nhập đọc cùng một giá trị nhưng có đánh dấu không chắc chắn: xác nhận với ảnh (chọn 1 = đúng như ảnh, hoặc gõ giá trị đọc được)"
        case .arbitrationPrompt:
            return "Chọn 1 hoặc 2, hoặc gõ giá trị đọc từ ảnh: "
        case .arbitrationHelp:
            return "1/2 = chọn giá trị của lần nhập đó · gõ giá trị = giá trị đọc từ ảnh (- trống, . không đọc được, thêm ? nếu không chắc) · Enter = để sau · :q = tạm dừng"
        case .arbitrationSkippedOwn(let count):
            return "\(count) chênh lệch thuộc bản ghi bạn đã nhập; để người kiểm tra khác phân xử."
        case .arbitrationSummary(let decided, let acknowledged):
            return "Đã phân xử \(decided) trường, xác nhận \(acknowledged) cảnh báo."
        case .warningShown(let number, let text):
            return "Cảnh báo" + (number.map { " — bản ghi số \($0)" } ?? "") + ": \(text)"
        case .warningPrompt:
            return "Đã đối chiếu với ảnh? Gõ lý do để xác nhận (Enter = để sau): "
        case .valueState(let state):
            switch state {
            case "blank": return "(trống trong sổ)"
            case "illegible": return "(không đọc được)"
            case "filled": return "đã ghi"
            case "uncertain": return "chưa chắc chắn"
            default: return "(không có)"
            }

        case .policyIsNotSample(let id, let policy):
            return "Lô \(id) kiểm tra theo cách \(Message.policy(policy).vietnamese), không rút mẫu."
        case .policyHasNoReview(let id):
            return "Lô \(id) được nhập hai lần; chênh lệch được phân xử bằng `hotich arbitrate \(id)`, không soát từng bản ghi."
        case .sampleAlreadyDrawn(let id, let at):
            return "Lô \(id) đã có mẫu rút lúc \(at) chưa soát xong; soát tiếp bằng `hotich review \(id)`."
        case .noSampleDrawn(let id):
            return "Lô \(id) chưa có mẫu để soát; rút mẫu bằng `hotich qa sample \(id) --aql 1.0`."
        case .invalidAQL(let text):
            return "AQL \"\(text)\" không có trong bảng ISO 2859-1 dùng ở đây; chọn một trong: \(SamplingPlan.AQL.allCases.map(\.rawValue).joined(separator: ", "))."
        case .sampleDrawn(let id, let aql, let lot, let letter, let size, let acceptance, let seed):
            return "Lô \(id): lô \(lot.grouped(in: vi)) bản ghi, AQL \(aql), mức kiểm tra II, mã cỡ mẫu \(letter): soát \(size) bản ghi; chấp nhận nếu có tối đa \(acceptance) bản ghi sai, loại nếu từ \(acceptance + 1). Hạt giống ngẫu nhiên \(seed) (dùng --seed \(seed) để rút lại đúng mẫu này)."
        case .reviewPrompt:
            return "Đúng như ảnh? Enter = xác nhận và lưu · số thứ tự của trường = sửa trường đó · :q = tạm dừng: "
        case .reviewAlreadyDone:
            return "Bản ghi này đã được soát."
        case .reviewRecord(let number, let path, let done, let total):
            return "Soát bản ghi số \(number ?? "?") (\(done + 1)/\(total))" + (path.map { " — \($0)" } ?? "")
        case .reviewHelp:
            return "Enter = đúng như ảnh · gõ giá trị mới để sửa (- trống, . không đọc được, thêm ? nếu không chắc) · < = quay lại · :q = tạm dừng"
        case .reviewConfirmDoubt(let label, let value):
            return "\(label) được nhập với đánh dấu không chắc chắn: \(value)? — Enter = đúng \(value) như ảnh, hoặc gõ giá trị đọc được (thêm ? nếu vẫn không chắc): "
        case .reviewSaved(let corrections):
            return corrections == 0 ? "Đã xác nhận bản ghi." : "Đã lưu bản ghi với \(corrections) trường được sửa."
        case .lotAccepted(let defective, let acceptance):
            return "Mẫu có \(defective) bản ghi sai (tối đa cho phép \(acceptance)): lô được chấp nhận, mọi bản ghi đã kiểm tra."
        case .lotRejected(let id, let defective, let acceptance):
            return "Mẫu có \(defective) bản ghi sai (tối đa cho phép \(acceptance)): lô \(id) bị loại, các bản ghi sai được trả về nhập liệu, và cả lô sẽ được soát toàn bộ."
        case .nothingLeftToReview(let id):
            return "Không còn bản ghi nào của lô \(id) để bạn soát."

        case .duplicateFlagNotFound(let id):
            return "Không có trường hợp nghi trùng số \(id). Xem danh sách bằng `hotich duplicates LÔ`."
        case .duplicateDecided(let flag, let duplicate):
            return "Nghi trùng số \(flag): " + (duplicate ? "kết luận là trùng." : "kết luận không trùng.")
        case .duplicateBasis(let basis):
            switch basis {
            case "personal-id": return "cùng số định danh"
            case "name-dates": return "cùng họ tên, ngày sinh, cha mẹ"
            default: return basis
            }
        case .duplicateConclusion(let duplicate):
            return duplicate ? "trùng" : "không trùng"
        case .yesNo(let yes):
            return yes ? "có" : "không"
        case .auditAction(let action):
            return action.vietnamese
        case .recordNumberNotInBatch(let id, let number):
            return "Lô \(id) không có bản ghi số \(number)."
        case .recordsReturned(let id, let count):
            return "Lô \(id) được trả về nhập liệu; \(count) bản ghi cần nhập lại."

        case .policyChanged(let id, let from, let to):
            return "Lô \(id): cách kiểm tra \(Message.policy(from).vietnamese) → \(Message.policy(to).vietnamese)."
        case .policyChangeTooLate(let id, let state):
            return "Lô \(id) đã bắt đầu nhập liệu (trạng thái \(Message.state(state).vietnamese)); cách kiểm tra chỉ đổi được trước khi nhập."
        case .receiptInvalid(let path, let problems):
            return "Biên nhận \(path) không hợp lệ, không ghi nhận gì: \(problems)"
        case .receiptUnknownPackage(let id):
            return "Biên nhận nói về gói \(id), nhưng không có gói xuất hoàn tất nào như vậy trong không gian làm việc này."
        case .receiptApplied(let id, let accepted, let rejected, let unknown):
            return "Gói \(id): \(accepted.grouped(in: vi)) bản ghi được chấp nhận, \(rejected.grouped(in: vi)) bị từ chối (liệt kê ở trên, chờ sửa và xuất lại)" + (unknown > 0 ? ", \(unknown) kết quả không khớp bản ghi nào của gói." : ".")
        case .exportStatus(let exported, let accepted, let rejected, let awaiting):
            return "Bản ghi đã xuất: \(exported.grouped(in: vi)) — được chấp nhận \(accepted.grouped(in: vi)), bị từ chối \(rejected.grouped(in: vi)), chờ biên nhận \(awaiting.grouped(in: vi))."
        case .recordNotExported(let id, let number):
            return "Bản ghi số \(number) của lô \(id) chưa được xuất (hoặc đã rút); trước khi xuất, sửa bằng đối chiếu hoặc trả về nhập liệu."
        case .correctionNeedsReason:
            return "Sửa hay rút bản ghi đã xuất cần lý do: thêm --reason \"LÝ DO\"."
        case .recordCorrected(let number, let version):
            return "Đã sửa bản ghi số \(number): phiên bản \(version), sẽ gửi trong gói đính chính tiếp theo (`hotich export corrections`)."
        case .recordWithdrawn(let number):
            return "Đã rút bản ghi số \(number); việc rút sẽ gửi trong gói đính chính tiếp theo."
        case .exportProgress(let done, let total):
            return "Đang xuất \(done.grouped(in: vi))/\(total.grouped(in: vi)) bản ghi"
        case .validateProgress(let done, let total):
            return "Đang kiểm tra \(done.grouped(in: vi))/\(total.grouped(in: vi)) MB"
        case .batchNotExportable(let id, let state):
            return "Lô \(id) đang ở trạng thái \(Message.state(state).vietnamese); chỉ xuất được lô đã kiểm tra xong."
        case .batchAlreadyExported(let id):
            return "Lô \(id) đã được xuất; không xuất lại (thêm --again để xuất một gói mới)."
        case .exportNothingToDo:
            return "Không có lô nào để xuất."
        case .ministryScansRefused(let scans):
            let listed = scans.prefix(10).map { "\($0.path) (\($0.reason.vietnamese))" }.joined(separator: "; ")
            let more = scans.count > 10 ? "; và \(scans.count - 10) tệp khác" : ""
            return "\(scans.count) ảnh quét không thể đưa vào tệp zip của Bộ dưới dạng PDF mà không mã hóa lại: \(listed)\(more). Hãy chuyển các ảnh đó sang PDF bằng phần mềm của máy quét, nhận lại quyển sổ rồi xuất; chưa có gì được ghi."
        case .ministryTemplate(let path, let kind, let problem):
            switch problem {
            case .unknownColumns(let names):
                return "Mẫu \(path) có cột không phải trường của sổ \(kind.vietnamese.lowercased()): \(names.joined(separator: ", ")). Dùng tên trường của Bộ (ví dụ nksHoTen) hoặc nhãn in trên sổ."
            case .missingColumns(let keys):
                return "Mẫu \(path) thiếu cột cho các trường bắt buộc của sổ \(kind.vietnamese.lowercased()): \(keys.joined(separator: ", "))."
            case .duplicateColumn(let key):
                return "Mẫu \(path) có hai cột cùng ghi trường \(key)."
            }
        case .ministryExportDone(let path, let books, let records, let scans):
            return "Đã xuất \(books.grouped(in: vi)) quyển sổ theo mẫu của Bộ — \(records.grouped(in: vi)) trường hợp trong bảng tính, \(scans.grouped(in: vi)) tệp PDF trong tệp zip — mỗi tệp đã được đọc lại và ghi mã băm vào danh mục: \(path)"
        case .ministryFile(let name, let records, let scans):
            return scans ? "\(name): \(records.grouped(in: vi)) tệp PDF" : "\(name): \(records.grouped(in: vi)) dòng"
        case .ministryTemplateUnreadable(let path):
            return "Không đọc được mẫu \(path): hãy dùng bảng tính (.xlsx) hoặc CSV có dòng đầu là tên cột."
        case .exportFailed(let stage, let detail):
            return "Xuất dữ liệu thất bại ở bước \(stage): \(detail). Không tệp nào được đặt tên như đã xong, không bản ghi nào được ghi là đã xuất; sửa nguyên nhân rồi chạy lại lệnh."
        case .exportFileSystemFailure(let path, let problem):
            return "Xuất dữ liệu thất bại khi ghi \(path): \(problem.vietnamese). Không tệp nào được đặt tên như đã xong, không bản ghi nào được ghi là đã xuất; sửa nguyên nhân rồi chạy lại lệnh."
        case .exportDone(let path, let files, let records):
            return "Đã xuất \(records.grouped(in: vi)) bản ghi trong \(files) tệp, đã kiểm tra theo lược đồ và mã băm: \(path)"
        case .exportResumed(let id):
            return "Hoàn tất gói \(id) của lần xuất trước bị gián đoạn (các tệp đã đủ và đúng)."
        case .exportInProgress(let id, let package):
            return "Lô \(id) đang được một lần xuất khác ghi vào gói \(package); không xuất hai lần cùng lúc. Chờ lần xuất đó xong rồi xem `hotich status`."
        case .exportPackageBusy(let package):
            return "Gói \(package) đang được một tiến trình khác giữ; chạy lại lệnh."
        case .exportCorrectionsRunning:
            return "Đang có một lần xuất đính chính khác chạy; không xuất hai lần cùng lúc. Chờ lần đó xong rồi chạy lại nếu còn gì để gửi."
        case .exportFolderMissing(let path):
            return "Không có thư mục \(path) để ghi gói xuất. Tạo thư mục trước hoặc chọn thư mục khác."
        case .validateValid(let path, let document, let items):
            return "\(path): hợp lệ (\(document), \(items.grouped(in: vi)) mục)."
        case .validateInvalid(let path, let problems):
            return "\(path): KHÔNG hợp lệ, \(problems.grouped(in: vi)) lỗi (liệt kê ở trên)."
        case .validateProblem(let line, let message):
            return "dòng \(line): \(message)"
        case .validateUnreadable(let path):
            return "Không đọc được \(path)."

        case .demoStart(let path):
            return "Chạy thử toàn bộ quy trình trên dữ liệu mẫu, trong không gian làm việc tạm ở \(path)."
        case .demoStep(let step):
            return "▸ " + Self.demoStep(step, in: .vietnamese)
        case .batchFiles(let files, let bytes, let oxum):
            return "\(files.grouped(in: vi)) tệp · \(bytes.grouped(in: vi)) byte · Payload-Oxum \(oxum)"
        case .demoDone(let path):
            return "Xong. Không gian làm việc mẫu vẫn ở \(path) để xem thêm (hotich status --workspace \(path) --as giamsat: một không gian thử nghiệm, tin tên đưa vào)."

        case .label(let label):
            return label.vietnamese
        case .state(let state):
            return state.vietnamese
        case .role(let role):
            return role.vietnamese
        case .kind(let kind):
            return kind.vietnamese
        case .policy(let policy):
            return policy.vietnamese
        }
    }
}

extension IntakeIssue.Problem {
    var vietnamese: String {
        switch self {
        case .empty: "tệp rỗng (0 byte)"
        case .unreadable: "không đọc được tệp (quyền truy cập hoặc lỗi đĩa)"
        case .unknownType: "nội dung không phải PDF, JPEG, PNG hay TIFF"
        case .duplicateContent(let other): "nội dung trùng hệt tệp \(other) trong cùng lô"
        case .alreadyReceived(let batch): "nội dung đã được nhận trong lô \(batch)"
        case .nameContradicts(let field, let inName, let expected):
            "tên tệp ghi \(field.vietnamese) \(inName) nhưng lô là \(expected)"
        case .nameDateImpossible(let text): "ngày đăng ký trong tên tệp (\(text)) không có thật"
        case .symbolicLink: "liên kết tượng trưng: không đi theo (có thể trỏ ra ngoài lô), nên tệp quét nó trỏ tới không được nhận"
        case .scanWithoutRow: "không dòng nào của bảng tính ghi trường hợp mà tên tệp quét này nêu"
        case .rowWithoutScan(let number): "không tìm thấy tệp quét cho trường hợp số \(number) của dòng này"
        case .nameNotConventional(let defect):
            "tên tệp không theo quy ước LOẠI.NĂM.QUYỂN.yyyy-mm-dd.SỐ.pdf (ví dụ KS.2017.01.2017-02-03.05.pdf): \(defect.vietnamese); tệp không lấy được số và ngày từ tên"
        case .nameDateOutsideBook(let date, let year):
            "ngày đăng ký trong tên tệp (\(date)) không thuộc sổ mở năm \(year) (hay năm sau đó)"
        }
    }
}

extension ZipRefusal {
    var vietnamese: String {
        switch self {
        case .tooManyEntries(let limit): "có hơn \(limit.grouped(in: .vietnamese)) mục"
        case .fileTooLarge(let entry, let limit): "tệp \(entry) khai báo quá \(limit.grouped(in: .vietnamese)) MiB"
        case .totalTooLarge(let limit): "các tệp cộng lại khai báo quá \(limit.grouped(in: .vietnamese)) GiB"
        case .ratioTooHigh(let entry, let ratio, let limit):
            "tệp \(entry) giải nén ra gấp \(ratio.grouped(in: .vietnamese)) lần cỡ nén (tối đa \(limit) lần) — dấu hiệu tệp nén độc hại"
        case .grewPastDeclared(let entry): "tệp \(entry) giải nén ra nhiều hơn cỡ đã khai báo — tệp hỏng hoặc độc hại"
        case .unsafeEntry(let entry): "mục \(entry) có tên trỏ ra ngoài thư mục của lô (../ hay đường dẫn tuyệt đối)"
        }
    }
}

extension ScanFileName.Defect {
    var vietnamese: String {
        switch self {
        case .pattern: "không có đủ năm phần và phần mở rộng, ngăn bằng dấu chấm"
        case .separators: "các phần ngăn bằng dấu gạch dưới hay khoảng trắng thay vì dấu chấm"
        case .kind(let text): "loại sổ \"\(text)\" không phải KS, KT, KH, HN hay CMC"
        case .year(let text): "năm mở sổ \"\(text)\" không phải bốn chữ số"
        case .volume(let text): "quyển số \"\(text)\" không phải một đến ba chữ số"
        case .dateOrder(let text): "ngày \"\(text)\" viết ngày trước; cần năm-tháng-ngày (yyyy-mm-dd)"
        case .month(let text): "ngày \"\(text)\" có tháng ngoài 01–12"
        case .day(let text): "ngày \"\(text)\" có ngày ngoài 01–31"
        case .dateShape(let text): "ngày \"\(text)\" không có dạng yyyy-mm-dd"
        case .number(let text): "số \"\(text)\" có ký tự không phải chữ số (ghi null nếu sổ không có số)"
        }
    }
}

extension ScanRefusal {
    var vietnamese: String {
        switch self {
        case .tiff: "tệp TIFF"
        case .pngWithTransparency: "ảnh PNG có độ trong suốt"
        case .pngInterlaced: "ảnh PNG xen dòng"
        case .damagedImage: "ảnh không đọc được"
        }
    }
}

extension FileSystemProblem {
    var vietnamese: String {
        switch self {
        case .diskFull: "ổ đĩa đã đầy; giải phóng dung lượng rồi chạy lại lệnh"
        case .noPermission: "không có quyền truy cập; nhờ quản trị viên cấp quyền hoặc chọn chỗ khác"
        case .notFound: "không tồn tại (hoặc đã bị xóa, di chuyển); kiểm tra lại đường dẫn"
        case .readOnly: "nằm trên ổ chỉ đọc; chọn chỗ khác"
        case .other: "hệ điều hành báo lỗi đọc/ghi; kiểm tra ổ đĩa hay thư mục mạng rồi chạy lại lệnh"
        }
    }
}

extension NonEntryKind {
    var vietnamese: String {
        switch self {
        case .cover: "bìa sổ"
        case .blank: "trang trắng"
        case .index: "mục lục"
        case .cancelled: "trường hợp bị hủy"
        case .other: "khác"
        }
    }
}

extension IntakeIssue.NameField {
    var vietnamese: String {
        switch self {
        case .kind: "loại sổ"
        case .year: "năm mở sổ"
        case .volume: "quyển số"
        }
    }
}

extension Permission {
    var vietnameseVerb: String {
        switch self {
        case .manageUsers: "quản lý người dùng"
        case .maintainWorkspace: "bảo trì cơ sở dữ liệu của không gian làm việc"
        case .receiveBatch: "nhận lô quét"
        case .adoptBooks: "tiếp nhận sổ đã nhập ở các đợt trước"
        case .changeBatchState: "trả lại, tạm dừng hay tiếp tục lô"
        case .changePolicy: "đổi cách kiểm tra của lô"
        case .markFiles: "đánh dấu tệp không phải trường hợp đăng ký, hay bỏ đánh dấu"
        case .releaseClaims: "giải phóng tệp đang bị giữ"
        case .keyRecords: "nhập liệu"
        case .arbitrate: "đối chiếu với ảnh, phân xử chênh lệch"
        case .review: "soát bản ghi với ảnh"
        case .verify: "kiểm tra lô"
        case .drawSample: "rút mẫu kiểm tra"
        case .correctRecords: "sửa hay rút bản ghi đã xuất"
        case .recordReceipts: "ghi nhận biên nhận của hệ thống trung ương"
        case .decideDuplicates: "kết luận về bản ghi nghi trùng"
        case .export: "xuất dữ liệu"
        case .viewWork: "xem công việc"
        case .planWork: "đặt kế hoạch và lịch làm việc"
        case .viewTeamFigures: "xem số liệu của người khác"
        case .rebuildSummaries: "tính lại bảng tổng hợp tiến độ"
        }
    }
}

extension BatchAction {
    var vietnameseVerb: String {
        switch self {
        case .startKeying: "bắt đầu nhập liệu"
        case .finishKeying: "kết thúc nhập liệu"
        case .startVerification: "bắt đầu kiểm tra"
        case .finishVerification: "kết thúc kiểm tra"
        case .reopenVerification: "mở lại việc kiểm tra"
        case .startExport: "bắt đầu xuất dữ liệu"
        case .finishExport: "kết thúc xuất dữ liệu"
        case .abortExport: "hủy xuất dữ liệu"
        case .returnToKeying: "trả lô về nhập liệu"
        case .hold: "tạm dừng lô"
        case .release: "tiếp tục lô"
        }
    }
}

extension BatchState {
    var vietnamese: String {
        switch self {
        case .received: "đã nhận"
        case .keying: "đang nhập liệu"
        case .keyed: "đã nhập xong"
        case .verifying: "đang kiểm tra"
        case .verified: "đã kiểm tra"
        case .exporting: "đang xuất"
        case .exported: "đã xuất"
        case .onHold: "tạm dừng"
        }
    }
}

extension Role {
    var vietnamese: String {
        switch self {
        case .operator: "nhập liệu"
        case .verifier: "kiểm tra"
        case .supervisor: "giám sát"
        case .admin: "quản trị"
        }
    }
}

extension RecordKind {
    var vietnamese: String {
        switch self {
        case .birth: "Khai sinh"
        case .death: "Khai tử"
        case .marriage: "Kết hôn"
        case .maritalStatus: "Xác nhận tình trạng hôn nhân"
        case .parentChild: "Nhận cha, mẹ, con"
        }
    }
}

extension VerificationPolicy {
    var vietnamese: String {
        switch self {
        case .double: "nhập hai lần"
        case .review: "rà soát"
        case .sample: "kiểm tra mẫu"
        }
    }
}

extension Message.Label {
    var vietnamese: String {
        switch self {
        case .batch: "Lô"
        case .kind: "Loại sổ"
        case .office: "Cơ quan"
        case .year: "Năm mở sổ"
        case .volume: "Quyển số"
        case .policy: "Cách kiểm tra"
        case .state: "Trạng thái"
        case .files: "Số tệp"
        case .bytes: "Byte"
        case .issues: "Vấn đề"
        case .receivedAt: "Nhận lúc"
        case .receivedBy: "Người nhận"
        case .source: "Nguồn"
        case .oxum: "Payload-Oxum"
        case .name: "Tên"
        case .role: "Vai trò"
        case .createdAt: "Tạo lúc"
        case .login: "Tài khoản"
        case .passphrase: "Mật khẩu"
        case .time: "Thời điểm"
        case .actor: "Người thực hiện"
        case .action: "Thao tác"
        case .from: "Từ"
        case .to: "Đến"
        case .reason: "Lý do"
        case .path: "Tệp"
        case .format: "Định dạng"
        case .sha256: "SHA-256"
        case .problem: "Vấn đề"
        case .batches: "Số lô"
        case .registrationDate: "Ngày đăng ký"
        case .number: "Số"
        case .book: "Sổ"
        case .history: "Lịch sử"
        case .fixity: "Toàn vẹn"
        case .keying: "Nhập liệu"
        case .verification: "Kiểm tra"
        case .verified: "Đã kiểm tra"
        case .conflicts: "Chênh lệch"
        case .corrections: "Cần sửa"
        case .errors: "Lỗi"
        case .warnings: "Cảnh báo"
        case .duplicates: "Nghi trùng"
        case .id: "Số"
        case .record: "Bản ghi số"
        case .otherRecord: "Trùng với"
        case .basis: "Căn cứ"
        case .reregistration: "Đăng ký lại"
        case .decision: "Kết luận"
        case .finding: "Nội dung"
        case .severity: "Mức"
        case .sample: "Mẫu"
        case .errorsPerThousand: "Lỗi/1.000 trường"
        case .code: "Mã"
        case .records: "Bản ghi"
        case .typedFromImage: "Tự gõ từ ảnh"
        case .notEntries: "Tệp không phải trường hợp đăng ký"
        case .pageKind: "Loại trang"
        case .rejectedRow: "Dòng trong tệp gốc"
        case .rejectedBecause: "Lý do từ chối"
        case .recordId: "Mã bản ghi"
        case .subject: "Đối tượng"
        }
    }
}

extension Diagnostic.Problem {
    func vietnamese(kind: RecordKind) -> String {
        switch self {
        case .missingRequired: "bắt buộc mà chưa có (gõ - nếu sổ để trống)"
        case .tooLong(let max): "dài quá \(max) ký tự"
        case .forbiddenCharacters: "có ký tự điều khiển hoặc ký tự hỏng"
        case .notADate: "không phải ngày (dd.mm.yyyy, mm.yyyy hoặc yyyy)"
        case .impossibleDate: "ngày không có thật; giữ nguyên như trong sổ"
        case .notATime: "không phải giờ phút (hh:mm)"
        case .unknownCode(let list): "không có trong danh mục" + Diagnostic.Problem.choices(of: list, in: .vietnamese)
        case .notAPersonalID: "số định danh cá nhân phải có đúng 12 chữ số"
        case .personalIDSexMismatch: "số định danh không khớp giới tính"
        case .personalIDYearMismatch(let year): "số định danh ghi năm sinh \(year), khác ngày sinh"
        case .documentNumberShape: "số giấy tờ không hợp lệ"
        case .registrationNumberShape: "số đăng ký phải là chữ số, có thể kèm /năm"
        case .volumeShape: "quyển số phải có dạng QQ/YYYY"
        case .pageShape: "trang số phải là chữ số"
        case .unknownField: "trường không có trong mẫu"
        case .registeredBeforeEvent(let event): "ngày đăng ký trước \((FieldCatalog.field(event, in: kind)?.label ?? event).lowercased())"
        case .parentNotBornBeforeChild: "cha/mẹ không sinh trước con"
        case .underMarriageAge(let age, let minimum): "\(age) tuổi khi đăng ký, dưới tuổi kết hôn \(minimum)"
        case .deathBeforeBirth: "ngày chết trước ngày sinh"
        case .registrationYearOutsideBook(let year): "năm đăng ký không thuộc sổ mở năm \(year)"
        }
    }
}

extension AuditAction {
    var vietnamese: String {
        switch self {
        case .initialize: "tạo không gian làm việc"
        case .userAdd: "thêm người dùng"
        case .compact: "thu gọn cơ sở dữ liệu"
        case .receive: "nhận lô"
        case .checkFiles: "kiểm tra tệp"
        case .transition(let action): action.vietnameseVerb
        case .policyChanged: "đổi cách kiểm tra"
        case .fileNotAnEntry: "đánh dấu tệp không phải trường hợp"
        case .fileEntryAgain: "bỏ đánh dấu tệp"
        case .releaseClaim: "giải phóng tệp"
        case .key: "nhập bản ghi"
        case .importFile: "nhập từ bảng tính"
        case .adopt: "tiếp nhận bảng tính theo mẫu của Bộ"
        case .verify: "chạy kiểm tra"
        case .recordVerified: "xác nhận bản ghi"
        case .recordReopened: "mở lại bản ghi"
        case .recordReturned: "trả bản ghi về nhập lại"
        case .recordReviewed: "soát bản ghi"
        case .fieldDecided: "phân xử trường"
        case .warningAcknowledged: "xác nhận cảnh báo"
        case .duplicateDecided: "kết luận nghi trùng"
        case .sampleDrawn: "rút mẫu"
        case .sampleRecordChecked: "soát bản ghi mẫu"
        case .sampleAccepted: "chấp nhận lô theo mẫu"
        case .exportAgain: "xuất lại"
        case .exportCorrections: "xuất đính chính"
        case .receipt: "ghi nhận biên nhận"
        case .recordCorrected: "sửa bản ghi đã xuất"
        case .recordWithdrawn: "rút bản ghi đã xuất"
        case .planSet: "đặt kế hoạch"
        case .calendarSet: "đặt ngày làm việc / nghỉ"
        case .calendarCleared: "bỏ ngày làm việc / nghỉ đã đặt"
        case .progressRebuilt: "tính lại bảng tổng hợp tiến độ"
        case .search: "tìm kiếm"
        case .recordViewed: "xem toàn bộ bản ghi"
        case .searchIndexRebuilt: "dựng lại chỉ mục tìm kiếm"
        case .contentSealed: "niêm phong nội dung"
        case .backup: "sao lưu"
        case .restore: "khôi phục từ bản sao lưu"
        case .storeGrant: "cấp quyền cho vai trò cơ sở dữ liệu của ứng dụng"
        case .storeCopy: "chép không gian làm việc của một huyện vào cơ sở dữ liệu này"
        case .userLogin: "gắn tài khoản hệ điều hành"
        case .userPassphrase: "đặt mật khẩu"
        case .other(let text): text
        }
    }
}
